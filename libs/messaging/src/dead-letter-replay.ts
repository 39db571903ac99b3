import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { originalMessage, readDeadLetter, type DeadLetterEntry } from './dead-letter';
import { ALL_REPLICAS, createReliableProducer } from './producer';

/**
 * Every record of the dead-letter topic, oldest first, read up to the end the topic had when the reading began.
 * A throwaway consumer group that commits nothing and is deleted afterwards: no service's group moves.
 */
export async function readDeadLetters(kafka: Kafka, topic: string, timeoutMs = 60_000): Promise<DeadLetterEntry[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `dead-letters-reader-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  try {
    const ends = new Map<number, bigint>();
    for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
    if (ends.size === 0) return [];
    const entries: DeadLetterEntry[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Could not read ${topic} to its end within ${timeoutMs} ms`)), timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            entries.push(readDeadLetter(partition, message));
            if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    return entries.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
  } finally {
    await consumer.disconnect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/**
 * Publishes the original message of each entry again, in the order given, one at a time, with the platform's
 * producer settings (idempotent, all replicas, the Java-compatible partitioner: the key lands on its partition).
 */
export async function replayDeadLetters(kafka: Kafka, entries: readonly DeadLetterEntry[]): Promise<void> {
  const messages = entries.map(originalMessage);
  const producer = createReliableProducer(kafka);
  await producer.connect();
  try {
    for (const { topic, message } of messages) await producer.send({ acks: ALL_REPLICAS, topic, messages: [message] });
  } finally {
    await producer.disconnect();
  }
}
