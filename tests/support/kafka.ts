import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { createEvent } from '@benefits/contracts';

/**
 * What the end-to-end specs that stand in for disbursement need: a producer on the local broker, to ask for runs and
 * report outcomes as disbursement would, and a fresh ID number for each person they register.
 */
export async function connectProducer(name: string): Promise<Producer> {
  const producer = new Kafka({ clientId: `e2e-${name}-${randomUUID().slice(0, 8)}`, brokers: ['127.0.0.1:9092'], logLevel: logLevel.NOTHING }).producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  return producer;
}

/** Publishes one event on its own topic, under its key, acknowledged by the broker. */
export async function publish(producer: Producer, event: ReturnType<typeof createEvent>): Promise<void> {
  await producer.send({ topic: event.topic, acks: -1, messages: [{ key: event.key, value: JSON.stringify(event.envelope) }] });
}

/**
 * A fresh 12-digit ID number (province 091, then the sex and century digit, the year of birth, a random serial),
 * unique enough for a test.
 */
export function nationalId(sex: 'female' | 'male', dateOfBirth: string): string {
  const century = dateOfBirth >= '2000' ? 2 : 0;
  const serial = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
  return `091${century + (sex === 'female' ? 1 : 0)}${dateOfBirth.slice(2, 4)}${serial}`;
}
