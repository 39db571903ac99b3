import { parseEnvelope } from '@benefits/contracts';
import { Outbox, OutboxRelay, pgDatabase, typeormDatabase } from '../src';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { grant } from './support/fixtures';
import { PG_CONFIG, TestWorld, waitFor } from './support/infra';

const silent = pino({ level: 'silent' });
// testTimeout in jest.config.js is a global option that projects ignore, hence here.
jest.setTimeout(30_000);

describe('transactional outbox and relay (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let outbox: Outbox;

  beforeAll(async () => {
    world = await TestWorld.create('relay');
    outbox = new Outbox(world.schema, 1000);
  });
  afterAll(() => world.dispose());

  const newRelay = (options: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}) =>
    new OutboxRelay({ kafka: world.kafka, database: pgDatabase(world.pool), schema: world.schema, pollIntervalMs: 50, logger: silent, ...options });

  it('publishes an event committed with its state, and nothing of a transaction that rolled back', async () => {
    const topic = await world.topic('granted');
    const dataSource = new DataSource({ type: 'postgres', host: PG_CONFIG.host, port: PG_CONFIG.port, username: 'postgres', database: 'postgres' });
    await dataSource.initialize();
    try {
      const writeStateAndEvent = (event: ReturnType<typeof grant>, fail: boolean) =>
        dataSource.transaction(async (em) => {
          await em.query(`INSERT INTO ${world.schema}.effects (event_id, beneficiary_id, amount) VALUES ($1, $2, $3)`, [
            event.envelope.eventId,
            event.key,
            event.envelope.payload.amountDong,
          ]);
          await outbox.add(em, [event]);
          if (fail) throw new Error('a business rule refused the change');
        });
      const committed = grant(topic, 'B-1', '500000');
      const rolledBack = grant(topic, 'B-2', '600000');
      await writeStateAndEvent(committed, false);
      await expect(writeStateAndEvent(rolledBack, true)).rejects.toThrow('a business rule refused the change');

      const relay = newRelay({ database: typeormDatabase(dataSource) });
      await relay.start();
      await waitFor(async () => (await world.unpublishedCount()) === 0, 'the outbox to drain');
      await relay.stop();

      const [message] = await world.readTopic(topic, 1);
      expect(parseEnvelope(message.value)).toEqual(committed.envelope);
      expect(message.key?.toString()).toBe('B-1');
      expect(message.headers?.['event-id']?.toString()).toBe(committed.envelope.eventId);
      expect(await world.messageCount(topic)).toBe(1);
      expect((await world.effects()).map((row) => row.beneficiary_id)).toEqual(['B-1']);
    } finally {
      await dataSource.destroy();
    }
  });

  it('publishes every envelope of one insert exactly as written: control characters, quotes and Vietnamese text intact', async () => {
    const topic = await world.topic('verbatim');
    const events = [grant(topic, 'B-\u001e-separator', '1'), grant(topic, 'B-"quoted"\n\\', '2'), grant(topic, 'B-Nguyễn Thị Ánh', '3')];
    await outbox.add(world.pool, events);
    const stored = (await world.pool.query(`SELECT type, correlation_id FROM ${world.schema}.outbox WHERE event_id = ANY($1::uuid[]) ORDER BY id`, [events.map((e) => e.envelope.eventId)])).rows;
    expect(stored).toEqual(events.map((e) => ({ type: e.envelope.type, correlation_id: e.envelope.correlationId })));
    const relay = newRelay();
    await relay.start();
    await waitFor(async () => (await world.unpublishedCount()) === 0, 'the outbox to drain');
    await relay.stop();
    const messages = await world.readTopic(topic, 3);
    expect(messages.map((m) => parseEnvelope(m.value))).toEqual(events.map((e) => e.envelope));
  });

  it('wakes on the commit notification (LISTEN) instead of waiting for the next poll', async () => {
    const topic = await world.topic('notified');
    const relay = newRelay({ pollIntervalMs: 60_000, listen: PG_CONFIG });
    await relay.start();
    try {
      await waitFor(
        async () => (await world.pool.query(`SELECT 1 FROM pg_stat_activity WHERE query = $1`, [`LISTEN ${world.schema}_outbox`])).rowCount === 1,
        'the relay to LISTEN',
      );
      const client = await world.pool.connect();
      try {
        await client.query('BEGIN');
        await outbox.add(client, [grant(topic, 'B-9', '100')]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      const committedAt = Date.now();
      await waitFor(async () => (await world.unpublishedCount()) === 0, 'the notified relay to publish', 5000);
      expect(Date.now() - committedAt).toBeLessThan(3000);
      expect(await world.messageCount(topic)).toBe(1);
    } finally {
      await relay.stop();
    }
  });

  it('publishes in batches and keeps every key in order while two relays of one schema run side by side', async () => {
    const topic = await world.topic('ordered', 3);
    const total = 3000;
    const events = Array.from({ length: total }, (_, i) => grant(topic, `B-${i % 7}`, String(i + 1)));
    await outbox.add(world.pool, events);
    const batches: number[] = [];
    const relays = [1, 2].map(() => newRelay({ batchSize: 250, hooks: { onPublished: ({ count }) => batches.push(count) } }));
    await Promise.all(relays.map((relay) => relay.start()));
    await waitFor(async () => (await world.unpublishedCount()) === 0, 'both relays to drain the outbox');
    await Promise.all(relays.map((relay) => relay.stop()));

    expect(batches.reduce((sum, count) => sum + count, 0)).toBe(total);
    expect(Math.max(...batches)).toBeLessThanOrEqual(250);
    expect(await world.messageCount(topic)).toBe(total);
    const amountsByKey = new Map<string, number[]>();
    for (const message of await world.readTopic(topic, total)) {
      const key = String(message.key);
      amountsByKey.set(key, [...(amountsByKey.get(key) ?? []), Number((parseEnvelope(message.value).payload as { amountDong: string }).amountDong)]);
    }
    expect(amountsByKey.size).toBe(7);
    for (const amounts of amountsByKey.values()) expect(amounts).toEqual([...amounts].sort((a, b) => a - b));
  });

  it('reads a backlog of large envelopes a few at a time (maxBatchBytes), in order, and drains it all', async () => {
    const topic = await world.topic('large');
    // Six envelopes of about 40 kB each (Vietnamese text, stored as UTF-8).
    const events = Array.from({ length: 6 }, (_, i) => grant(topic, `B-${i}`, String(i + 1)));
    for (const event of events) (event.envelope.payload as { note?: string }).note = 'Nguyễn Thị Ánh '.repeat(2000);
    await outbox.add(world.pool, events);
    const batches: number[] = [];
    const relay = newRelay({ maxBatchBytes: 100_000, hooks: { onPublished: ({ count }) => batches.push(count) } });
    await relay.start();
    await waitFor(async () => (await world.unpublishedCount()) === 0, 'the outbox to drain');
    await relay.stop();

    // Each batch ends with the envelope that reaches 100 kB: three of them, then the next three.
    expect(batches).toEqual([3, 3]);
    const amounts = (await world.readTopic(topic, 6)).map((message) => (parseEnvelope(message.value).payload as { amountDong: string }).amountDong);
    expect(amounts).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('publishes an envelope past Kafka\'s 1 MiB default (MAX_MESSAGE_BYTES), and the events behind it', async () => {
    const topic = await world.topic('oversized');
    // About 2.6 MB: a chunk of a thousand persons with a year of arrears each is past 1 MiB.
    const large = grant(topic, 'B-large', '1');
    (large.envelope.payload as { note?: string }).note = 'Nguyễn Thị Ánh '.repeat(150_000);
    const behind = grant(topic, 'B-behind', '2');
    await outbox.add(world.pool, [large, behind]);
    const relay = newRelay();
    await relay.start();
    await waitFor(async () => (await world.unpublishedCount()) === 0, 'the outbox to drain');
    await relay.stop();
    const messages = await world.readTopic(topic, 2);
    expect(messages.map((m) => parseEnvelope(m.value).eventId)).toEqual([large.envelope.eventId, behind.envelope.eventId]);
    expect(messages[0].value?.length).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('runs as a Nest provider: starts on application bootstrap, stops when the application closes', async () => {
    const topic = await world.topic('nest');
    @Module({ providers: [{ provide: OutboxRelay, useFactory: () => newRelay() }] })
    class RelayModule {}
    const app = await NestFactory.createApplicationContext(RelayModule, { logger: false });
    await outbox.add(world.pool, [grant(topic, 'B-1', '100')]);
    await waitFor(async () => (await world.unpublishedCount()) === 0, 'the provider relay to publish');
    await app.close();

    await outbox.add(world.pool, [grant(topic, 'B-2', '200')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await world.unpublishedCount()).toBe(1); // stopped with the application
    expect(await world.messageCount(topic)).toBe(1);
    await world.pool.query(`UPDATE ${world.schema}.outbox SET published_at = now()`); // leave the outbox drained
  });
});
