import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import { REPO_ROOT, waitFor } from '@benefits/testing';

/**
 * The pinned Apache Kafka broker that infra/up.sh starts, driven by kafkajs (the client every service uses):
 * the broker features the platform relies on work against this version.
 */
const kafka = new Kafka({ clientId: 'kafka-smoke', brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING });
const admin = kafka.admin();
const topic = `smoke.${randomUUID()}`;
const consumers: Consumer[] = [];

beforeAll(() => admin.connect());
afterAll(async () => {
  await Promise.all(consumers.map((c) => c.disconnect()));
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
});

describe('the local Kafka broker', () => {
  it('is the pinned 4.x release fetched from Maven Central', () => {
    const pom = readFileSync(join(REPO_ROOT, 'infra/kafka/pom.xml'), 'utf8');
    const pinned = /<kafka.version>([\d.]+)<\/kafka.version>/.exec(pom)?.[1];
    expect(pinned).toMatch(/^4\./);
    // The cache is marked with the version and the hash of the jar list it was checked against (infra/kafka.sh fetch).
    const listHash = createHash('sha256').update(readFileSync(join(REPO_ROOT, 'infra/kafka/jars.sha256'))).digest('hex');
    expect(readFileSync(join(REPO_ROOT, 'infra/.cache/kafka/lib/.version'), 'utf8').trim()).toBe(`${pinned} ${listHash}`);
  });

  it('lets an admin create a topic with its partition count, and refuses automatic topic creation', async () => {
    await admin.createTopics({ topics: [{ topic, numPartitions: 4 }], waitForLeaders: true });
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(4);

    const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 1 }, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await expect(producer.send({ topic: `smoke.missing.${randomUUID()}`, messages: [{ value: 'x' }] })).rejects.toThrow();
    await producer.disconnect();
  });

  it('takes messages with acks=all and hands each to exactly one of two consumers of a group as they rebalance', async () => {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const groupId = `smoke-${randomUUID()}`;
    const seen = new Map<string, string[]>();
    const shares = new Map<string, number>();
    const start = async (name: string) => {
      const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 500 });
      consumers.push(consumer);
      consumer.on(consumer.events.GROUP_JOIN, (e) => shares.set(name, e.payload.memberAssignment[topic]?.length ?? 0));
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          const value = message.value?.toString() ?? '';
          seen.set(value, [...(seen.get(value) ?? []), name]);
        },
      });
    };

    await start('first');
    await waitFor(async () => shares.get('first') === 4, 30000, 'the first consumer to own all four partitions');
    await start('second');
    // The group rebalances: the four partitions end up split between the two members.
    await waitFor(async () => shares.get('second')! > 0 && shares.get('first')! + shares.get('second')! === 4, 30000, 'the rebalance');

    const values = Array.from({ length: 40 }, (_, i) => `message-${i}`);
    await producer.send({ topic, acks: -1, messages: values.map((value, i) => ({ key: `key-${i}`, value })) });
    await waitFor(async () => values.every((v) => seen.has(v)), 30000, 'all messages consumed');
    expect([...seen.values()].every((consumedBy) => consumedBy.length === 1)).toBe(true);
    expect(new Set([...seen.values()].flat())).toEqual(new Set(['first', 'second']));
    await producer.disconnect();
  });
});
