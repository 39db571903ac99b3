import {
  KafkaBatchConsumer,
  RetriesExhaustedError,
  pgDatabase,
  typeormDatabase,
  type DeadLetterRecord,
  type KafkaBatchConsumerOptions,
  type RetryInfo,
  type Sql,
} from '../src';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { effectsHandler, grant, recordingLogger } from './support/fixtures';
import { PG_CONFIG, TestWorld, waitFor } from './support/infra';

// testTimeout in jest.config.js is a global option that projects ignore, hence here.
jest.setTimeout(60_000);

const asMessage = (event: ReturnType<typeof grant>) => ({ key: event.key, value: JSON.stringify(event.envelope) });

describe('KafkaBatchConsumer with inbox and dead-letter topic (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let topic: string;
  let deadLetterTopic: string;
  let groupId: string;
  let consumer: KafkaBatchConsumer<Sql> | undefined;

  beforeAll(async () => {
    world = await TestWorld.create('consumer');
  });
  afterAll(() => world.dispose());

  beforeEach(async () => {
    topic = await world.topic('granted');
    deadLetterTopic = await world.topic('dead-letter');
    groupId = world.groupId('effects');
    await world.pool.query(`TRUNCATE ${world.schema}.effects, ${world.schema}.inbox`);
  });
  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
  });

  async function startConsumer(options: Partial<KafkaBatchConsumerOptions<Sql>> = {}): Promise<void> {
    consumer = new KafkaBatchConsumer<Sql>({
      kafka: world.kafka,
      groupId,
      topics: [topic],
      database: pgDatabase(world.pool),
      inboxSchema: world.schema,
      handler: effectsHandler(world.schema, topic),
      deadLetterTopic,
      consumerConfig: { maxWaitTimeInMs: 100 },
      logger: pino({ level: 'silent' }),
      ...options,
    });
    await consumer.start();
  }

  const consumedUpTo = (offset: number) =>
    waitFor(async () => (await world.committedOffset(groupId, topic)) === offset, `the group to commit offset ${offset}`);

  async function deadLetters(count: number): Promise<DeadLetterRecord[]> {
    const messages = await world.readTopic(deadLetterTopic, count);
    expect(await world.messageCount(deadLetterTopic)).toBe(count);
    return messages.map((message) => JSON.parse(String(message.value)) as DeadLetterRecord);
  }

  it('applies a redelivered event once, and rejects and dead-letters the same id with another payload', async () => {
    const dataSource = new DataSource({ type: 'postgres', host: PG_CONFIG.host, port: PG_CONFIG.port, username: 'postgres', database: 'postgres' });
    await dataSource.initialize();
    try {
      const logger = recordingLogger();
      const commits: { duplicates: number }[] = [];
      await startConsumer({ database: typeormDatabase(dataSource), logger, hooks: { onCommitted: (info) => commits.push(info) } });
      const first = grant(topic, 'B-1', '100');
      await world.send(topic, [asMessage(first), asMessage(first)]); // the same event twice in one batch
      await consumedUpTo(2);
      const forged = grant(topic, 'B-1', '999', first.envelope.eventId);
      const other = grant(topic, 'B-2', '200');
      await world.send(topic, [asMessage(forged), asMessage(other)]); // same id, other payload: found in the inbox
      await consumedUpTo(4);
      await world.send(topic, [asMessage(first)]); // a later redelivery: found in the inbox
      await consumedUpTo(5);

      expect((await world.effects()).map((row) => [row.event_id, row.amount])).toEqual([
        [first.envelope.eventId, '100'],
        [other.envelope.eventId, '200'],
      ]);
      expect(commits.reduce((sum, c) => sum + c.duplicates, 0)).toBe(2);
      const [record] = await deadLetters(1);
      expect(record.reason.code).toBe('CONFLICTING_DUPLICATE');
      expect(record).toMatchObject({ eventId: first.envelope.eventId, consumerGroup: groupId });
      expect(record.original).toMatchObject({ topic, partition: 0, offset: '2', key: 'B-1', value: JSON.stringify(forged.envelope) });
      expect(logger.entries).toContainEqual(
        expect.objectContaining({ level: 'error', obj: expect.objectContaining({ eventId: first.envelope.eventId, reason: record.reason }) }),
      );
    } finally {
      await consumer?.stop();
      await dataSource.destroy();
    }
  });

  it.each([
    ['a batch handler', false],
    ['a per-message handler', true],
  ])('parks poison messages on the dead-letter topic and carries on with the next ones (%s)', async (_, perMessage) => {
    const valid = grant(topic, 'B-1', '100');
    const badPayload = { ...grant(topic, 'B-3', '300').envelope, payload: { beneficiaryId: 'B-3' } };
    const zero = grant(topic, 'B-4', '0');
    const next = grant(topic, 'B-5', '500');
    await world.send(topic, [
      asMessage(valid),
      { key: 'B-2', value: 'not json {', headers: { trace: 'abc' } },
      { key: 'B-3', value: JSON.stringify(badPayload) },
      asMessage(zero),
      asMessage(next),
    ]);
    await startConsumer({ handler: effectsHandler(world.schema, topic, { perMessage }) });
    await consumedUpTo(5);

    expect((await world.effects()).map((row) => row.beneficiary_id)).toEqual(['B-1', 'B-5']);
    const records = (await deadLetters(3)).sort((a, b) => Number(a.original.offset) - Number(b.original.offset));
    expect(records.map((r) => [r.original.offset, r.reason.code])).toEqual([
      ['1', 'INVALID_EVENT'],
      ['2', 'INVALID_EVENT'],
      ['3', 'ZERO_AMOUNT'],
    ]);
    expect(records[0].original).toMatchObject({ key: 'B-2', value: 'not json {', headers: { trace: 'abc' } });
    expect(records[0].original).toMatchObject({ value: 'not json {', valueBase64: null });
    expect(records[1].reason.message).toMatch(/amountDong/);
    expect(records[2]).toMatchObject({ eventId: zero.envelope.eventId, correlationId: 'corr-B-4' });
    // A poison event leaves no inbox row, so it can be replayed from the dead-letter topic once the cause is fixed.
    const inbox = await world.pool.query(`SELECT event_id FROM ${world.schema}.inbox ORDER BY "offset"`);
    expect(inbox.rows.map((row) => row.event_id)).toEqual([valid.envelope.eventId, next.envelope.eventId]);
  });

  it('retries a transient database failure with exponential backoff, then applies the event once', async () => {
    // Another transaction holds the effects table; the handler's lock_timeout turns the wait into SQLSTATE 55P03.
    const locker = await world.pool.connect();
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${world.schema}.effects IN ACCESS EXCLUSIVE MODE`);
    const retries: RetryInfo[] = [];
    try {
      await startConsumer({
        handler: effectsHandler(world.schema, topic, { before: (tx) => tx.query(`SET LOCAL lock_timeout = '100ms'`) }),
        retry: { maxAttempts: 6, initialDelayMs: 100, maxDelayMs: 1000, factor: 2 },
        hooks: {
          onRetry: (info) => {
            retries.push(info);
            if (info.attempt === 2) void locker.query('COMMIT'); // the lock goes away during the second backoff
          },
        },
      });
      const event = grant(topic, 'B-1', '100');
      await world.send(topic, [asMessage(event)]);
      await consumedUpTo(1);
      expect(retries.map((r) => [r.attempt, r.delayMs, (r.error as { code?: string }).code])).toEqual([
        [1, 100, '55P03'],
        [2, 200, '55P03'],
      ]);
      expect((await world.effects()).map((row) => row.event_id)).toEqual([event.envelope.eventId]);
      expect(await world.messageCount(deadLetterTopic)).toBe(0);
    } finally {
      locker.release();
    }
  });

  it('commits no offset when the retries run out, pauses the partition, and handles the message after the pause', async () => {
    const locker = await world.pool.connect();
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${world.schema}.effects IN ACCESS EXCLUSIVE MODE`);
    const pauses: { error: unknown; committed: Promise<number> }[] = [];
    try {
      await startConsumer({
        handler: effectsHandler(world.schema, topic, { before: (tx) => tx.query(`SET LOCAL lock_timeout = '50ms'`) }),
        retry: { maxAttempts: 2, initialDelayMs: 50 },
        pauseAfterFailureMs: 1000,
        hooks: {
          onPaused: ({ error }) => {
            pauses.push({ error, committed: world.committedOffset(groupId, topic) });
            void locker.query('COMMIT');
          },
        },
      });
      const event = grant(topic, 'B-1', '100');
      await world.send(topic, [asMessage(event)]);
      await consumedUpTo(1);
      expect(pauses).toHaveLength(1);
      expect(pauses[0].error).toBeInstanceOf(RetriesExhaustedError);
      expect(await pauses[0].committed).toBe(-1);
      expect((await world.effects()).map((row) => row.event_id)).toEqual([event.envelope.eventId]);
    } finally {
      locker.release();
    }
  });

  it('keeps its group membership through retries longer than the session timeout: a poison message of the chunk is dead-lettered once', async () => {
    // The lock makes every try of the chunk fail (55P03) for about 8 s, beyond the 6 s session timeout. A member
    // that stopped heartbeating would be expelled: its offset commit refused, the chunk redelivered, the zero grant
    // dead-lettered a second time.
    const locker = await world.pool.connect();
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${world.schema}.effects IN ACCESS EXCLUSIVE MODE`);
    const retries: number[] = [];
    try {
      await startConsumer({
        handler: effectsHandler(world.schema, topic, { before: (tx) => tx.query(`SET LOCAL lock_timeout = '100ms'`) }),
        retry: { maxAttempts: 12, initialDelayMs: 1000, maxDelayMs: 1000, factor: 1 },
        consumerConfig: { maxWaitTimeInMs: 100, sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500 },
        hooks: {
          onRetry: ({ attempt }) => {
            retries.push(attempt);
            if (attempt === 8) void locker.query('COMMIT');
          },
        },
      });
      const zero = grant(topic, 'B-0', '0');
      const event = grant(topic, 'B-1', '100');
      await world.send(topic, [asMessage(zero), asMessage(event)]);
      await waitFor(async () => (await world.committedOffset(groupId, topic)) === 2, 'the group to commit offset 2', 40_000);

      expect(retries).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect((await world.effects()).map((row) => row.event_id)).toEqual([event.envelope.eventId]);
      const [record] = await deadLetters(1);
      expect(record).toMatchObject({ eventId: zero.envelope.eventId, reason: { code: 'ZERO_AMOUNT' } });
    } finally {
      locker.release();
    }
  });
});
