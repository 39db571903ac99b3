import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { createEvent, PaymentOutcomeRecorded, RunRequested } from '@benefits/contracts';
import type { MintRequest } from '@benefits/platform';
import { callApi, waitFor, type RunningService } from '@benefits/testing';

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

/**
 * As disbursement does: asks for the run of one commune's social assistance and waits until entitlement has
 * calculated it; its id.
 */
export async function communeRunCalculated(
  producer: Producer,
  entitlement: RunningService,
  user: MintRequest,
  run: { month: string; communeCode: string },
): Promise<string> {
  const runId = randomUUID();
  const scope = { provinceCode: '91', programmes: ['social_assistance' as const], communeCodes: [run.communeCode] };
  await publish(producer, createEvent(RunRequested, { runId, month: run.month, scope, requestedBy: user.sub }, { correlationId: `e2e-${runId}`, producer: 'disbursement' }));
  await waitFor(async () => (await callApi<{ status: string }>(entitlement, user, 'GET', `/runs/${runId}/summary`)).body.status === 'COMPLETED', 90_000, `the run of ${run.month}`);
  return runId;
}

/** As disbursement reports it: the outcome of a person's social-assistance payment of the run's month, one regular line. */
export async function reportOutcome(
  producer: Producer,
  payment: { runId: string; personRef: string; month: string; amount: string; outcome: 'settled' | 'not_collected' },
): Promise<void> {
  const { runId, month, amount } = payment;
  const event = createEvent(
    PaymentOutcomeRecorded,
    {
      paymentId: `P${randomUUID().replace(/-/g, '').slice(0, 30)}`,
      runId,
      personRef: payment.personRef,
      programme: 'social_assistance',
      month,
      amount,
      outcome: payment.outcome,
      occurredOn: `${month}-10`,
      lines: [{ kind: 'regular', month, amount }],
    },
    { correlationId: `e2e-${runId}`, producer: 'disbursement' },
  );
  await publish(producer, event);
}
