import { randomUUID } from 'node:crypto';
import type { EachBatchPayload, Kafka } from 'kafkajs';
import type { ConsumedEvent } from './chunk-processor';
import { KafkaBatchConsumer } from './consumer';
import { PermanentError } from './errors';
import type { MessagingLogger } from './logger';
import type { Database, Sql } from './sql';

/**
 * The consumer against fakes: PostgreSQL as the inbox's SQL sees it (one transaction per `transaction`, savepoints),
 * and kafkajs as eachBatch sees it. Everything the consumer does that a user could notice goes to `log` in order.
 */
const log: string[] = [];
const started: KafkaBatchConsumer<FakeTx>[] = [];

class FakeTx implements Sql {
  readonly inbox = new Map<string, string>();
  readonly effects: string[] = [];
  private savepoint: { inbox: Map<string, string>; effects: string[] } | undefined;

  constructor(private readonly committed: Map<string, string>) {}

  async query(text: string, params: unknown[] = []): Promise<unknown> {
    if (text === 'SAVEPOINT messaging_event') this.savepoint = { inbox: new Map(this.inbox), effects: [...this.effects] };
    else if (text === 'ROLLBACK TO SAVEPOINT messaging_event' && this.savepoint) {
      this.inbox.clear();
      for (const [id, hash] of this.savepoint.inbox) this.inbox.set(id, hash);
      this.effects.splice(0, this.effects.length, ...this.savepoint.effects);
    } else if (text.includes('INSERT INTO')) {
      const [ids, hashes] = params as [string[], string[]];
      const inserted = ids.filter((id, index) => {
        if (this.known(id) !== undefined) return false;
        this.inbox.set(id.toLowerCase(), hashes[index]);
        return true;
      });
      return inserted.map((id) => ({ event_id: id.toLowerCase() }));
    } else if (text.includes('SELECT event_id')) {
      return (params[0] as string[]).map((id) => ({ event_id: id.toLowerCase(), payload_hash: this.known(id) }));
    }
    return [];
  }

  private known(id: string): string | undefined {
    return this.inbox.get(id.toLowerCase()) ?? this.committed.get(id.toLowerCase());
  }
}

class FakeDatabase implements Database<FakeTx> {
  readonly inbox = new Map<string, string>();
  readonly effects: string[] = [];
  commits = 0;

  async transaction<T>(work: (tx: FakeTx) => Promise<T>): Promise<T> {
    const tx = new FakeTx(this.inbox);
    const result = await work(tx);
    for (const [id, hash] of tx.inbox) this.inbox.set(id, hash);
    this.effects.push(...tx.effects);
    this.commits++;
    return result;
  }
}

/**
 * Applies each event's payload.name as its effect. "poison" is refused for good; "deadlock" fails with 40P01 (a
 * transient failure, retried) as long as `deadlocks` says.
 */
let deadlocks = 0;
const handler = {
  async handle(event: ConsumedEvent, tx: FakeTx) {
    const { name } = event.envelope.payload as { name: string };
    log.push(`handle ${name}`);
    if (name === 'poison') throw new PermanentError('refused', 'POISON');
    if (name === 'deadlock' && deadlocks-- > 0) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
    tx.effects.push(name);
  },
};

const silent: MessagingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** kafkajs's refusals of a heartbeat once the group rebalances (retriable: false) or its coordinator moved (true). */
const rebalancing = Object.assign(new Error('The group is rebalancing, so a rejoin is needed'), { name: 'KafkaJSProtocolError', type: 'REBALANCE_IN_PROGRESS', retriable: false });
const coordinatorMoved = Object.assign(new Error('This is not the correct coordinator for this group'), { name: 'KafkaJSProtocolError', type: 'NOT_COORDINATOR_FOR_GROUP', retriable: true });

async function startConsumer(db: FakeDatabase, chunkSize = 10) {
  let eachBatch: ((payload: EachBatchPayload) => Promise<void>) | undefined;
  const retries: number[] = [];
  const kafka = {
    consumer: () => ({
      connect: async () => undefined,
      subscribe: async () => undefined,
      run: async (config: { eachBatch: typeof eachBatch }) => void (eachBatch = config.eachBatch),
      commitOffsets: async (offsets: { offset: string }[]) => void log.push(`commit ${offsets[0].offset}`),
      disconnect: async () => undefined,
    }),
    producer: () => ({
      connect: async () => undefined,
      send: async ({ messages }: { messages: { value: string }[] }) => void log.push(`dead-letter ${JSON.parse(messages[0].value).reason.code}`),
      disconnect: async () => undefined,
    }),
  } as unknown as Kafka;
  const consumer = new KafkaBatchConsumer<FakeTx>({
    kafka,
    groupId: 'g',
    topics: ['t'],
    database: db,
    inboxSchema: 'inbox_schema',
    handler,
    deadLetterTopic: 'dead-letter',
    chunkSize,
    retry: { maxAttempts: 5, initialDelayMs: 0, maxDelayMs: 0 },
    logger: silent,
    hooks: { onRetry: (info) => retries.push(info.attempt) },
  });
  await consumer.start();
  started.push(consumer);
  if (!eachBatch) throw new Error('the consumer did not run eachBatch');
  return { eachBatch, retries };
}

/** A batch of partition 0 of topic t, one message per name from offset 0, with kafkajs's callbacks as fakes. */
function batch(names: string[], membership: { heartbeat?: () => Promise<void>; isRunning?: () => boolean; isStale?: () => boolean } = {}): EachBatchPayload {
  const messages = names.map((name, offset) => ({
    offset: String(offset),
    key: Buffer.from('k'),
    value: Buffer.from(
      JSON.stringify({ eventId: randomUUID(), type: 'Granted', version: 1, occurredAt: '2026-01-01T00:00:00Z', correlationId: 'c', causationId: null, producer: 'p', payload: { name } }),
    ),
    headers: {},
    timestamp: '0',
  }));
  return {
    batch: { topic: 't', partition: 0, messages },
    resolveOffset: () => undefined,
    heartbeat: async () => {
      log.push('heartbeat');
      await membership.heartbeat?.();
    },
    isRunning: membership.isRunning ?? (() => true),
    isStale: membership.isStale ?? (() => false),
    pause: () => {
      log.push('pause');
      return () => undefined;
    },
  } as unknown as EachBatchPayload;
}

describe('KafkaBatchConsumer and its group membership', () => {
  beforeEach(() => {
    log.length = 0;
    deadlocks = 0;
  });
  afterEach(async () => {
    // Clears the resume timer of a partition paused after a failure.
    await Promise.all(started.splice(0).map((consumer) => consumer.stop()));
  });

  it('heartbeats between the tries of a failing chunk, so long backoff does not outlast the session timeout', async () => {
    const db = new FakeDatabase();
    deadlocks = 2;
    const { eachBatch } = await startConsumer(db);
    await eachBatch(batch(['deadlock', 'b']));
    expect(log).toEqual(['handle deadlock', 'heartbeat', 'handle deadlock', 'heartbeat', 'handle deadlock', 'handle b', 'heartbeat', 'commit 2', 'heartbeat']);
    expect(db.effects).toEqual(['deadlock', 'b']);
  });

  it('heartbeats between the events while it redoes a chunk event by event to find the poison one', async () => {
    const db = new FakeDatabase();
    const { eachBatch } = await startConsumer(db);
    await eachBatch(batch(['a', 'poison', 'b']));
    expect(log).toEqual([
      'handle a',
      'handle poison',
      'heartbeat',
      'handle a',
      'heartbeat',
      'handle poison',
      'heartbeat',
      'handle b',
      'heartbeat',
      'dead-letter POISON',
      'commit 3',
      'heartbeat',
    ]);
  });

  it('stops a chunk whose partition was revoked during its retries: nothing applied, dead-lettered or committed past the last chunk done, not paused; kafkajs gets the error to rejoin', async () => {
    const db = new FakeDatabase();
    deadlocks = 99;
    let heartbeats = 0;
    const { eachBatch, retries } = await startConsumer(db, 1);
    const revokedOnFourthHeartbeat = batch(['a', 'deadlock', 'b'], {
      heartbeat: async () => {
        if (++heartbeats >= 4) throw rebalancing;
      },
    });
    await expect(eachBatch(revokedOnFourthHeartbeat)).rejects.toBe(rebalancing);
    expect(log).toEqual(['handle a', 'heartbeat', 'commit 1', 'heartbeat', 'handle deadlock', 'heartbeat', 'handle deadlock', 'heartbeat']);
    expect(retries).toEqual([1, 2]);
    expect(db.effects).toEqual(['a']);
  });

  it('stops, unretried, a chunk redone event by event when a heartbeat fails there, even with an error kafkajs calls retriable', async () => {
    const db = new FakeDatabase();
    const { eachBatch, retries } = await startConsumer(db);
    const lost = batch(['a', 'poison', 'b'], {
      heartbeat: async () => {
        throw coordinatorMoved;
      },
    });
    await expect(eachBatch(lost)).rejects.toBe(coordinatorMoved);
    expect(log).toEqual(['handle a', 'handle poison', 'heartbeat']);
    expect(retries).toEqual([]);
    expect(db.effects).toEqual([]);
  });

  it.each([
    ['seeked elsewhere (isStale)', (db: FakeDatabase) => ({ isStale: () => db.commits > 0 })],
    ['stopping (isRunning false)', (db: FakeDatabase) => ({ isRunning: () => db.commits === 0 })],
  ])('publishes no dead letter and commits no offset once its partition is %s after the database commit (the next owner does, the inbox skips the rest)', async (_, membership) => {
    const db = new FakeDatabase();
    const { eachBatch } = await startConsumer(db);
    await eachBatch(batch(['a', 'poison'], membership(db)));
    expect(db.effects).toEqual(['a']);
    expect(log.filter((line) => !line.startsWith('handle') && line !== 'heartbeat')).toEqual([]);
  });
});
