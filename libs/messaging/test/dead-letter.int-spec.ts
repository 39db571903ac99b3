import { readPayload } from '@benefits/contracts';
import pino from 'pino';
import {
  KafkaBatchConsumer,
  PermanentError,
  RetriesExhaustedError,
  pgDatabase,
  readDeadLetters,
  replayDeadLetters,
  selectDeadLetters,
  type DeadLetterRecord,
  type EventHandler,
  type KafkaBatchConsumerOptions,
  type Sql,
} from '../src';
import { benefitGranted, grant } from './support/fixtures';
import { TestWorld, waitFor } from './support/infra';

// testTimeout in jest.config.js is a global option that projects ignore, hence here.
jest.setTimeout(60_000);

const asMessage = (event: ReturnType<typeof grant>) => ({ key: event.key, value: JSON.stringify(event.envelope), headers: { 'correlation-id': event.envelope.correlationId } });

/**
 * What the unit specs cannot show: that PostgreSQL's statement timeout (57014) reaches the consumer as the error the
 * classification expects, that ROLLBACK TO SAVEPOINT recovers from it, and that a dead letter read back from a real
 * topic and published again arrives on its original topic, under its key, and is handled once.
 */
describe('dead letters (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let topic: string;
  let deadLetterTopic: string;
  let groupId: string;
  let consumer: KafkaBatchConsumer<Sql> | undefined;
  let refused: Set<string>;

  beforeAll(async () => {
    world = await TestWorld.create('dead_letters');
  });
  afterAll(() => world.dispose());

  beforeEach(async () => {
    topic = await world.topic('granted');
    deadLetterTopic = await world.topic('dead-letter');
    groupId = world.groupId('effects');
    refused = new Set();
    await world.pool.query(`TRUNCATE ${world.schema}.effects, ${world.schema}.inbox`);
  });
  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
  });

  /**
   * Per message, under a 300 ms statement timeout: a grant to "B-slow" sleeps past it (a statement this message
   * makes too heavy ever to finish); a beneficiary in `refused` is refused for good until the test lifts it.
   */
  function handler(): EventHandler<Sql> {
    const definition = benefitGranted(topic);
    return {
      async handle(event, tx) {
        const grant = readPayload(definition, event.envelope);
        await tx.query(`SET LOCAL statement_timeout = '300ms'`);
        if (grant.beneficiaryId === 'B-slow') await tx.query('SELECT pg_sleep(2)');
        if (refused.has(grant.beneficiaryId)) throw new PermanentError(`Grant to ${grant.beneficiaryId} refused`, 'REFUSED');
        await tx.query(`INSERT INTO ${world.schema}.effects (event_id, beneficiary_id, amount) VALUES ($1, $2, $3)`, [
          event.envelope.eventId,
          grant.beneficiaryId,
          grant.amountDong,
        ]);
      },
    };
  }

  async function startConsumer(options: Partial<KafkaBatchConsumerOptions<Sql>> = {}): Promise<void> {
    consumer = new KafkaBatchConsumer<Sql>({
      kafka: world.kafka,
      groupId,
      topics: [topic],
      database: pgDatabase(world.pool),
      inboxSchema: world.schema,
      handler: handler(),
      deadLetterTopic,
      retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 50 },
      consumerConfig: { maxWaitTimeInMs: 100 },
      logger: pino({ level: 'silent' }),
      ...options,
    });
    await consumer.start();
  }

  const consumedUpTo = (offset: number) =>
    waitFor(async () => (await world.committedOffset(groupId, topic)) === offset, `the group to commit offset ${offset}`);

  it('dead-letters a message that times out on every try while the others of its chunk go through', async () => {
    const slow = grant(topic, 'B-slow', '100');
    const next = grant(topic, 'B-2', '200');
    await world.send(topic, [asMessage(slow), asMessage(next)]);
    await startConsumer();
    await consumedUpTo(2);

    expect((await world.effects()).map((row) => row.beneficiary_id)).toEqual(['B-2']);
    const [message] = await world.readTopic(deadLetterTopic, 1);
    const record = JSON.parse(String(message.value)) as DeadLetterRecord;
    expect(record.reason.code).toBe('57014');
    expect(record.reason.message).toMatch(/statement timeout: alone, after 2 tries of its chunk timed out/);
    expect(record).toMatchObject({ eventId: slow.envelope.eventId, original: { offset: '0', key: 'B-slow' } });
  });

  it('dead-letters nothing when the only message of the chunk times out: the partition waits, uncommitted', async () => {
    const pauses: unknown[] = [];
    await world.send(topic, [asMessage(grant(topic, 'B-slow', '100'))]);
    await startConsumer({ pauseAfterFailureMs: 60_000, hooks: { onPaused: ({ error }) => void pauses.push(error) } });
    await waitFor(async () => pauses.length > 0, 'the partition to pause');

    expect(pauses[0]).toBeInstanceOf(RetriesExhaustedError);
    expect(await world.committedOffset(groupId, topic)).toBe(-1);
    expect(await world.messageCount(deadLetterTopic)).toBe(0);
  });

  it('replays a dead letter once its cause is fixed: same topic, key, value and headers, handled once', async () => {
    refused.add('B-1');
    const parked = grant(topic, 'B-1', '100');
    await world.send(topic, [asMessage(parked), asMessage(grant(topic, 'B-2', '200'))]);
    await startConsumer();
    await consumedUpTo(2);
    expect(await world.messageCount(deadLetterTopic)).toBe(1);

    refused.delete('B-1'); // the cause is fixed
    const entries = await readDeadLetters(world.kafka, deadLetterTopic);
    const selected = selectDeadLetters(entries, { reason: 'REFUSED', group: groupId });
    expect(selected.map((entry) => [entry.partition, entry.offset, entry.record?.eventId])).toEqual([[0, '0', parked.envelope.eventId]]);
    await replayDeadLetters(world.kafka, selected);
    await consumedUpTo(3);

    const [, , replayed] = await world.readTopic(topic, 3);
    expect(replayed.key?.toString()).toBe('B-1');
    expect(replayed.value?.toString()).toBe(JSON.stringify(parked.envelope));
    expect(Object.fromEntries(Object.entries(replayed.headers ?? {}).map(([name, value]) => [name, String(value)]))).toEqual({
      'correlation-id': parked.envelope.correlationId,
      'replayed-from-dead-letter': '0:0',
    });
    expect((await world.effects()).map((row) => row.beneficiary_id).sort()).toEqual(['B-1', 'B-2']);

    // Replayed twice by mistake: the inbox knows the event, nothing is applied again.
    await replayDeadLetters(world.kafka, selected);
    await consumedUpTo(4);
    expect((await world.effects()).map((row) => row.beneficiary_id).sort()).toEqual(['B-1', 'B-2']);
    expect(await world.messageCount(deadLetterTopic)).toBe(1);
  });
});
