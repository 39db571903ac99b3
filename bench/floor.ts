import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * The raw floor of the infrastructure for a run of N beneficiaries: what PostgreSQL and Kafka alone need to move
 * the same volume, with nothing of ours in between. The pipeline is compared against it (pipeline ÷ floor).
 */
export interface FloorFigures {
  copyMs: number;
  kafkaMs: number;
  totalMs: number;
}

/** Rows like a payment instruction (ids, person, programme, amounts, destination), COPY'd into a temporary table. */
export async function copyFloor(databaseUrl: string, rows: number, writesPerRow: number): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`CREATE TEMP TABLE floor_rows (id uuid, person uuid, run uuid, programme text, month text,
      commune text, amount bigint, channel text, account text, status text)`);
    const run = randomUUID();
    const started = performance.now();
    for (let pass = 0; pass < writesPerRow; pass++) {
      await pipeline(Readable.from(copyLines(rows, run)), client.query(copyFrom('COPY floor_rows FROM STDIN')));
    }
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

function* copyLines(rows: number, run: string): Generator<string> {
  const batch: string[] = [];
  for (let i = 0; i < rows; i++) {
    batch.push(`${randomUUID()}\t${randomUUID()}\t${run}\tsocial_assistance\t2026-11\t30307\t1250000\tbank\tk1:AAAA:BBBB:CCCCCCCC\tnew\n`);
    if (batch.length === 5000) yield batch.splice(0).join('');
  }
  if (batch.length) yield batch.join('');
}

/**
 * The same Kafka traffic as the pipeline: `messages` chunk events of `bytesPerMessage` produced with acks=all and
 * consumed by one group member, over `hops` topics in sequence.
 */
export async function kafkaFloor(brokers: string[], messages: number, bytesPerMessage: number, hops: number): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-floor', brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topic = `bench.floor.${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
  const consumer = kafka.consumer({ groupId: `bench-floor-${randomUUID()}`, maxBytes: 50 * 1024 * 1024 });
  await Promise.all([producer.connect(), consumer.connect()]);
  const payload = 'x'.repeat(bytesPerMessage);
  let consumed = 0;
  let allConsumed: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (allConsumed = resolve));
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      consumed += batch.messages.length;
      if (consumed >= messages * hops) allConsumed();
    },
  });
  const started = performance.now();
  for (let hop = 0; hop < hops; hop++) {
    // Three chunk events per request stay under the broker's 1 MiB request limit, as the outbox relay does.
    for (let i = 0; i < messages; i += 3) {
      const count = Math.min(3, messages - i);
      await producer.send({ topic, acks: -1, messages: Array.from({ length: count }, (_, j) => ({ key: `run-${(i + j) % 6}`, value: payload })) });
    }
  }
  await done;
  const elapsed = performance.now() - started;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
  return elapsed;
}
