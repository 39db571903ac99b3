import { KafkaBatchConsumer, Outbox, OutboxRelay, pgDatabase } from '../src';
import pino from 'pino';
import { runChild } from './support/child';
import { effectsHandler, grant } from './support/fixtures';
import { TestWorld, waitFor } from './support/infra';

const silent = pino({ level: 'silent' });
// testTimeout in jest.config.js is a global option that projects ignore, hence here.
jest.setTimeout(60_000);

describe('relay killed between publishing and marking (real child process, SIGKILL)', () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await TestWorld.create('relaycrash');
  });
  afterAll(() => world.dispose());

  it('publishes the batch again from a second relay, and the inbox applies each event exactly once', async () => {
    const topic = await world.topic('granted');
    const deadLetterTopic = await world.topic('dead-letter');
    const events = [grant(topic, 'B-1', '100'), grant(topic, 'B-2', '200'), grant(topic, 'B-3', '300')];
    await new Outbox(world.schema).add(world.pool, events);

    // The child relay publishes, Kafka acknowledges, and the child SIGKILLs itself before it marks the rows.
    const child = await runChild('relay-child.ts', { schema: world.schema });
    expect(child.signal).toBe('SIGKILL');
    expect(await world.messageCount(topic)).toBe(3);
    expect(await world.unpublishedCount()).toBe(3);

    // The consumer applies the first publication; the second relay then publishes the same rows again, and the
    // redeliveries reach the consumer in later batches, so only its inbox can tell them apart.
    const groupId = world.groupId('effects');
    const commits: { handled: number; duplicates: number }[] = [];
    const consumer = new KafkaBatchConsumer({
      kafka: world.kafka,
      groupId,
      topics: [topic],
      database: pgDatabase(world.pool),
      inboxSchema: world.schema,
      handler: effectsHandler(world.schema, topic),
      deadLetterTopic,
      consumerConfig: { maxWaitTimeInMs: 100 },
      logger: silent,
      hooks: { onCommitted: (info) => commits.push(info) },
    });
    const relay = new OutboxRelay({ kafka: world.kafka, database: pgDatabase(world.pool), schema: world.schema, pollIntervalMs: 50, logger: silent });
    await consumer.start();
    try {
      await waitFor(async () => (await world.committedOffset(groupId, topic)) === 3, 'the first publication to be consumed');
      expect(await world.effects()).toHaveLength(3);
      await relay.start();
      await waitFor(async () => (await world.unpublishedCount()) === 0, 'the second relay to publish and mark');
      expect(await world.messageCount(topic)).toBe(6); // at least once: every event is on the topic twice
      await waitFor(async () => (await world.committedOffset(groupId, topic)) === 6, 'the second publication to be consumed');
    } finally {
      await relay.stop();
      await consumer.stop();
    }

    const effects = await world.effects();
    expect(effects.map((row) => row.event_id).sort()).toEqual(events.map((e) => e.envelope.eventId).sort());
    expect(commits.reduce((sum, c) => sum + c.handled, 0)).toBe(3);
    expect(commits.reduce((sum, c) => sum + c.duplicates, 0)).toBe(3);
    expect(await world.messageCount(deadLetterTopic)).toBe(0);
  });
});
