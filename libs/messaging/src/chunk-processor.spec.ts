import { randomUUID } from 'node:crypto';
import { ChunkProcessor, type ConsumedEvent, type EventHandler } from './chunk-processor';
import type { RawMessage } from './dead-letter';
import { PartitionLostError, PermanentError, isTransientError } from './errors';
import type { Inbox, InboxClaim, InboxEntry } from './inbox';
import type { MessagingLogger } from './logger';
import type { Database, Sql } from './sql';

/**
 * An in-memory stand-in for PostgreSQL as the processor uses it: a transaction commits its inbox rows and effects
 * only if its work resolves; SAVEPOINT / ROLLBACK TO SAVEPOINT undo both back to the savepoint.
 */
class FakeTx implements Sql {
  readonly inbox = new Map<string, string>();
  readonly effects: string[] = [];
  private savepoint: { inbox: Map<string, string>; effects: string[] } | undefined;

  async query(text: string): Promise<unknown> {
    if (text === 'SAVEPOINT messaging_event') this.savepoint = { inbox: new Map(this.inbox), effects: [...this.effects] };
    else if (text === 'ROLLBACK TO SAVEPOINT messaging_event' && this.savepoint) {
      this.inbox.clear();
      for (const [id, hash] of this.savepoint.inbox) this.inbox.set(id, hash);
      this.effects.splice(0, this.effects.length, ...this.savepoint.effects);
    }
    return [];
  }
}

class FakeDatabase implements Database<FakeTx> {
  readonly inbox = new Map<string, string>();
  readonly effects: string[] = [];

  async transaction<T>(work: (tx: FakeTx) => Promise<T>): Promise<T> {
    const tx = new FakeTx();
    const result = await work(tx);
    for (const [id, hash] of tx.inbox) this.inbox.set(id, hash);
    this.effects.push(...tx.effects);
    return result;
  }

  /** The Inbox's contract (inbox.ts) over this database. */
  readonly inboxTable = {
    claim: async <E extends InboxEntry>(tx: FakeTx, entries: readonly E[]): Promise<InboxClaim<E>> => {
      const claim: InboxClaim<E> = { fresh: [], duplicates: [], conflicts: [] };
      for (const entry of entries) {
        const id = entry.eventId.toLowerCase();
        const known = tx.inbox.get(id) ?? this.inbox.get(id);
        if (known === undefined) {
          tx.inbox.set(id, entry.payloadHash);
          claim.fresh.push(entry);
        } else if (known === entry.payloadHash) claim.duplicates.push(entry);
        else claim.conflicts.push(entry);
      }
      return claim;
    },
  } as unknown as Inbox;
}

const silent: MessagingLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let offset = 0;
function raw(value: unknown): RawMessage {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { topic: 't', partition: 0, offset: String(offset++), key: Buffer.from('k'), value: Buffer.from(text), headers: {}, timestamp: '0' };
}

function envelope(payload: unknown, eventId: string = randomUUID()) {
  return { eventId, type: 'Granted', version: 1, occurredAt: new Date().toISOString(), correlationId: 'c', causationId: null, producer: 'p', payload };
}

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

/**
 * Records each event's payload.name as its effect. A payload named "poison" is refused for good, "huge" overflows a
 * numeric column, "slow" always runs into the statement timeout, and "all-slow" makes every statement time out (a
 * database in trouble).
 */
const recording: EventHandler<FakeTx> = {
  async handle(event: ConsumedEvent, tx: FakeTx) {
    const { name } = event.envelope.payload as { name: string };
    if (name === 'poison') throw new PermanentError('refused', 'POISON');
    if (name === 'huge') throw pgError('22003', 'numeric field overflow');
    if (name === 'slow' || name === 'all-slow') throw pgError('57014', 'canceling statement due to statement timeout');
    tx.effects.push(name);
  },
};

function processor(db: FakeDatabase, handler: EventHandler<FakeTx> = recording, policy = { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, factor: 1 }) {
  return new ChunkProcessor<FakeTx>({
    database: db,
    inbox: db.inboxTable,
    handler,
    isTransient: isTransientError,
    policy,
    consumerGroup: 'g',
    logger: silent,
  });
}

describe('ChunkProcessor', () => {
  it('applies the good events of a chunk and dead-letters the poison one', async () => {
    const db = new FakeDatabase();
    const outcome = await processor(db).process([raw(envelope({ name: 'a' })), raw(envelope({ name: 'poison' })), raw(envelope({ name: 'b' }))]);
    expect(db.effects).toEqual(['a', 'b']);
    expect(outcome.deadLetters.map((d) => d.reason.code)).toEqual(['POISON']);
  });

  it('dead-letters an envelope without a payload instead of failing the chunk (the events after it are applied)', async () => {
    const db = new FakeDatabase();
    const withoutPayload: Partial<ReturnType<typeof envelope>> = envelope({ name: 'x' });
    delete withoutPayload.payload;
    const outcome = await processor(db).process([raw(envelope({ name: 'a' })), raw(withoutPayload), raw(envelope({ name: 'b' }))]);
    expect(db.effects).toEqual(['a', 'b']);
    expect(outcome.deadLetters.map((d) => d.reason.code)).toEqual(['INVALID_EVENT']);
  });

  it('dead-letters an event whose data the database refuses (22003) with its SQLSTATE, and applies the rest', async () => {
    const db = new FakeDatabase();
    const outcome = await processor(db).process([raw(envelope({ name: 'a' })), raw(envelope({ name: 'huge' })), raw(envelope({ name: 'b' }))]);
    expect(db.effects).toEqual(['a', 'b']);
    expect(outcome.deadLetters.map((d) => d.reason)).toEqual([{ code: '22003', message: 'numeric field overflow' }]);
  });

  it('dead-letters an event that times out on every try, alone, while the others of its chunk go through', async () => {
    const db = new FakeDatabase();
    const outcome = await processor(db).process([raw(envelope({ name: 'a' })), raw(envelope({ name: 'slow' })), raw(envelope({ name: 'b' }))]);
    expect(db.effects).toEqual(['a', 'b']);
    expect(outcome.handled).toBe(2);
    expect(outcome.deadLetters).toHaveLength(1);
    expect(outcome.deadLetters[0].reason.code).toBe('57014');
    expect(outcome.deadLetters[0].reason.message).toBe('canceling statement due to statement timeout: alone, after 1 tries of its chunk timed out, while other messages of the chunk went through');
  });

  it('retries the whole chunk before it blames one event for a statement timeout', async () => {
    const db = new FakeDatabase();
    const retries: number[] = [];
    const policy = { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, factor: 1 };
    const outcome = await processor(db, recording, policy).process([raw(envelope({ name: 'slow' })), raw(envelope({ name: 'a' }))], { onRetry: (info) => retries.push(info.attempt) });
    expect(retries).toEqual([1, 2]);
    expect(db.effects).toEqual(['a']);
    expect(outcome.deadLetters.map((d) => d.reason.code)).toEqual(['57014']);
  });

  it('dead-letters nothing when every event times out (the database is in trouble): the chunk fails, to be retried', async () => {
    const db = new FakeDatabase();
    const failing = processor(db).process([raw(envelope({ name: 'all-slow' })), raw(envelope({ name: 'all-slow' }))]);
    await expect(failing).rejects.toMatchObject({ code: 'RETRIES_EXHAUSTED' });
    expect(db.effects).toEqual([]);
  });

  it('counts a redelivered event found in the inbox as going through (a chunk redelivered after a rebalance)', async () => {
    const db = new FakeDatabase();
    const handled = envelope({ name: 'a' });
    await processor(db).process([raw(handled)]);
    const outcome = await processor(db).process([raw(envelope({ name: 'slow' })), raw(handled)]);
    expect(outcome).toMatchObject({ handled: 0, duplicates: 1 });
    expect(outcome.deadLetters.map((d) => d.reason.code)).toEqual(['57014']);
  });

  it('does not blame a lone event for a statement timeout: nothing shows the database answers the others', async () => {
    const db = new FakeDatabase();
    await expect(processor(db).process([raw(envelope({ name: 'slow' }))])).rejects.toMatchObject({ code: 'RETRIES_EXHAUSTED' });
  });

  it('keeps the consumer alive before each retry and before each event of the redo after every try timed out', async () => {
    const db = new FakeDatabase();
    const steps: string[] = [];
    const policy = { maxAttempts: 3, initialDelayMs: 0, maxDelayMs: 0, factor: 1 };
    const keepAlive = async () => void steps.push('keep alive');
    await processor(db, recording, policy).process([raw(envelope({ name: 'slow' })), raw(envelope({ name: 'a' }))], { onRetry: (info) => steps.push(`retry ${info.attempt}`), keepAlive });
    expect(steps).toEqual(['retry 1', 'keep alive', 'retry 2', 'keep alive', 'keep alive', 'keep alive']);
  });

  it('applies and dead-letters nothing when the partition is lost during the redo after every try timed out', async () => {
    const db = new FakeDatabase();
    let calls = 0;
    const lost = new PartitionLostError('heartbeat refused');
    const keepAlive = async () => {
      if (++calls === 2) throw lost;
    };
    const failing = processor(db).process([raw(envelope({ name: 'a' })), raw(envelope({ name: 'slow' }))], { keepAlive });
    await expect(failing).rejects.toBe(lost);
    expect(db.effects).toEqual([]);
  });
});
