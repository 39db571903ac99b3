import { randomUUID } from 'node:crypto';
import { ChunkProcessor, type ConsumedEvent, type EventHandler } from './chunk-processor';
import type { RawMessage } from './dead-letter';
import { PermanentError, isTransientError } from './errors';
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

/** Records each event's payload.name as its effect; a payload named "poison" is refused for good. */
const recording: EventHandler<FakeTx> = {
  async handle(event: ConsumedEvent, tx: FakeTx) {
    const { name } = event.envelope.payload as { name: string };
    if (name === 'poison') throw new PermanentError('refused', 'POISON');
    tx.effects.push(name);
  },
};

function processor(db: FakeDatabase, handler: EventHandler<FakeTx> = recording) {
  return new ChunkProcessor<FakeTx>({
    database: db,
    inbox: db.inboxTable,
    handler,
    isTransient: isTransientError,
    policy: { maxAttempts: 1, initialDelayMs: 1, maxDelayMs: 1, factor: 1 },
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
});
