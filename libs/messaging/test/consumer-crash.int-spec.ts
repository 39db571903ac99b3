import { KafkaBatchConsumer, pgDatabase } from '../src';
import pino from 'pino';
import { runChild } from './support/child';
import { effectsHandler, grant } from './support/fixtures';
import { TestWorld, waitFor } from './support/infra';

// testTimeout in jest.config.js is a global option that projects ignore, hence here.
jest.setTimeout(60_000);

describe('consumer killed between its database commit and its offset commit (real child process, SIGKILL)', () => {
  let world: TestWorld;

  beforeAll(async () => {
    world = await TestWorld.create('consumercrash');
  });
  afterAll(() => world.dispose());

  it('gets the message again on restart and applies it no second time', async () => {
    const topic = await world.topic('granted');
    const deadLetterTopic = await world.topic('dead-letter');
    const groupId = world.groupId('effects');
    const event = grant(topic, 'B-1', '100');
    await world.send(topic, [{ key: event.key, value: JSON.stringify(event.envelope) }]);

    const child = await runChild('consumer-child.ts', { schema: world.schema, topic, groupId, deadLetterTopic });
    expect(child.signal).toBe('SIGKILL');
    expect(await world.effects()).toHaveLength(1); // the database transaction committed ...
    expect(await world.committedOffset(groupId, topic)).toBe(-1); // ... the offset never did

    // Same group: it resumes from the last committed offset, i.e. the message is redelivered. The join waits until
    // the killed member's 6 s session expires.
    const commits: { offset: string; handled: number; duplicates: number }[] = [];
    const consumer = new KafkaBatchConsumer({
      kafka: world.kafka,
      groupId,
      topics: [topic],
      database: pgDatabase(world.pool),
      inboxSchema: world.schema,
      handler: effectsHandler(world.schema, topic),
      deadLetterTopic,
      consumerConfig: { maxWaitTimeInMs: 100 },
      logger: pino({ level: 'silent' }),
      hooks: { onCommitted: (info) => commits.push(info) },
    });
    await consumer.start();
    try {
      await waitFor(async () => (await world.committedOffset(groupId, topic)) === 1, 'the redelivered message to be committed');
    } finally {
      await consumer.stop();
    }

    expect(commits).toEqual([expect.objectContaining({ offset: '1', handled: 0, duplicates: 1 })]);
    expect((await world.effects()).map((row) => row.event_id)).toEqual([event.envelope.eventId]);
  });
});
