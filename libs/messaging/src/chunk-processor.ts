import { InvalidEventError, parseEnvelope, type Envelope } from '@benefits/contracts';
import { payloadHash } from './canonical';
import { toDeadLetter, headersToStrings, type DeadLetterReason, type DeadLetterRecord, type RawMessage } from './dead-letter';
import { PartitionLostError, PermanentError, errorCode, errorMessage, isStatementTimeout, type TransientClassifier } from './errors';
import { Inbox, type InboxEntry } from './inbox';
import type { MessagingLogger } from './logger';
import { RetriesExhaustedError, retryTransient, type RetryInfo, type RetryPolicy } from './retry';
import type { Database, Sql } from './sql';

/** A parsed message as handlers see it. Payload validation is the handler's (readPayload throws InvalidEventError). */
export interface ConsumedEvent<P = unknown> {
  readonly envelope: Envelope<P>;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * Applies events inside the transaction `tx` that also records them in the inbox. Prefer handleBatch for volume
 * (one set-based statement for many events); handle is called once per event, still in one transaction per chunk.
 * Throw PermanentError (or any non-transient error) for an event that can never be applied: it is dead-lettered.
 */
export type EventHandler<Tx> =
  | { handleBatch(events: readonly ConsumedEvent[], tx: Tx): Promise<void> }
  | { handle(event: ConsumedEvent, tx: Tx): Promise<void> };

export interface ChunkOutcome {
  readonly handled: number;
  readonly duplicates: number;
  readonly deadLetters: DeadLetterRecord[];
}

/** What the consumer lends the processing of one chunk. */
export interface ChunkCallbacks {
  readonly onRetry?: (info: RetryInfo) => void;
  /**
   * Heartbeats the consumer group and throws PartitionLostError once the chunk's partition is no longer held.
   * Called before each retry and before each event of a redo event by event: both can outlast the session timeout.
   */
  readonly keepAlive?: () => Promise<void>;
}

export interface ChunkProcessorOptions<Tx extends Sql> {
  readonly database: Database<Tx>;
  readonly inbox: Inbox;
  readonly handler: EventHandler<Tx>;
  readonly isTransient: TransientClassifier;
  readonly policy: RetryPolicy;
  readonly consumerGroup: string;
  readonly logger: MessagingLogger;
}

interface Candidate extends InboxEntry {
  readonly raw: RawMessage;
  readonly event: ConsumedEvent;
}

interface Applied {
  handled: number;
  duplicates: number;
  conflicts: Candidate[];
  rejected: { candidate: Candidate; error: unknown }[];
}

/** A non-transient handler failure; the chunk is then redone event by event to isolate the poison one. */
class HandlerRejected extends Error {
  constructor(readonly failure: unknown) {
    super(errorMessage(failure));
  }
}

/**
 * Turns one chunk of raw messages into database effects: parse, drop in-chunk duplicates, then in ONE transaction
 * claim the ids in the inbox and run the handler. Transient failures retry the whole transaction with backoff
 * (and finally throw RetriesExhaustedError); poison messages come back as dead-letter records for the caller to
 * publish before committing offsets.
 */
export class ChunkProcessor<Tx extends Sql> {
  constructor(private readonly options: ChunkProcessorOptions<Tx>) {}

  async process(messages: readonly RawMessage[], callbacks: ChunkCallbacks = {}): Promise<ChunkOutcome> {
    const deadLetters: DeadLetterRecord[] = [];
    const candidates: Candidate[] = [];
    const byId = new Map<string, Candidate>();
    let duplicates = 0;
    for (const raw of messages) {
      let envelope: Envelope;
      try {
        envelope = parseEnvelope(raw.value);
      } catch (error) {
        if (!(error instanceof InvalidEventError)) throw error;
        const reason = { code: error.code, message: error.message };
        this.options.logger.error({ topic: raw.topic, partition: raw.partition, offset: raw.offset, reason }, 'invalid message; dead-lettered');
        deadLetters.push(this.deadLetter(raw, reason));
        continue;
      }
      const candidate = this.candidate(raw, envelope);
      const earlier = byId.get(candidate.eventId.toLowerCase());
      if (!earlier) {
        byId.set(candidate.eventId.toLowerCase(), candidate);
        candidates.push(candidate);
      } else if (earlier.payloadHash === candidate.payloadHash) duplicates++;
      else deadLetters.push(this.conflict(candidate));
    }

    const applied = await this.applyRetrying(candidates, callbacks);
    for (const candidate of applied.conflicts) deadLetters.push(this.conflict(candidate));
    for (const { candidate, error } of applied.rejected) {
      const reason = { code: errorCode(error, 'HANDLER_FAILED'), message: errorMessage(error) };
      this.options.logger.error({ ...this.where(candidate), reason }, 'event rejected by its handler; dead-lettered');
      deadLetters.push(this.deadLetter(candidate.raw, reason, candidate.event.envelope));
    }
    return { handled: applied.handled, duplicates: duplicates + applied.duplicates, deadLetters };
  }

  /**
   * Retries the chunk while it fails transiently. When every try ended in a statement timeout, the chunk is done once
   * more event by event, to find whether one event is to blame (see applyOneByOne); if none is, the failure stands
   * and the partition waits, as for any trouble of the database.
   */
  private async applyRetrying(candidates: Candidate[], { onRetry, keepAlive }: ChunkCallbacks): Promise<Applied> {
    const { policy } = this.options;
    // A lost partition is never retried, even when kafkajs calls its heartbeat error retriable: the chunk is not ours.
    const isTransient = (error: unknown) => !(error instanceof PartitionLostError) && this.options.isTransient(error);
    try {
      return await retryTransient(() => this.apply(candidates, keepAlive), { policy, isTransient, onRetry, beforeRetry: keepAlive });
    } catch (error) {
      if (!(error instanceof RetriesExhaustedError) || !isStatementTimeout(error.cause)) throw error;
      return this.options.database.transaction((tx) => this.applyOneByOne(candidates, tx, keepAlive, error));
    }
  }

  /** Fast path: the whole chunk in one transaction. A permanent handler failure rolls it back and isolates. */
  private async apply(candidates: Candidate[], keepAlive?: () => Promise<void>): Promise<Applied> {
    if (candidates.length === 0) return { handled: 0, duplicates: 0, conflicts: [], rejected: [] };
    try {
      return await this.options.database.transaction(async (tx) => {
        const claim = await this.options.inbox.claim(tx, candidates);
        await this.invoke(claim.fresh, tx);
        return { handled: claim.fresh.length, duplicates: claim.duplicates.length, conflicts: claim.conflicts, rejected: [] };
      });
    } catch (error) {
      if (!(error instanceof HandlerRejected)) throw error;
      return this.options.database.transaction((tx) => this.applyOneByOne(candidates, tx, keepAlive));
    }
  }

  /**
   * Slow path, only after a rejection: still one transaction, but a savepoint per event so one failure undoes one
   * event. After a chunk's tries all ended in a statement timeout (`timedOut`), an event whose statement times out
   * again here, alone, is rejected too, but only if other events of the chunk went through: a database in trouble
   * times every event out, and then `timedOut` is thrown again (the transaction rolls back, the partition waits).
   */
  private async applyOneByOne(candidates: Candidate[], tx: Tx, keepAlive?: () => Promise<void>, timedOut?: RetriesExhaustedError): Promise<Applied> {
    const applied: Applied = { handled: 0, duplicates: 0, conflicts: [], rejected: [] };
    const timeouts: { candidate: Candidate; error: unknown }[] = [];
    for (const candidate of candidates) {
      // Outside the event's own failure handling: a lost partition rolls the whole transaction back.
      await keepAlive?.();
      await tx.query('SAVEPOINT messaging_event');
      try {
        const claim = await this.options.inbox.claim(tx, [candidate]);
        await this.invoke(claim.fresh, tx);
        await tx.query('RELEASE SAVEPOINT messaging_event');
        applied.handled += claim.fresh.length;
        applied.duplicates += claim.duplicates.length;
        applied.conflicts.push(...claim.conflicts);
      } catch (error) {
        const timeout = timedOut !== undefined && isStatementTimeout(error);
        if (!(error instanceof HandlerRejected) && !timeout) throw error;
        // Undoes the event's inbox row too: a parked event can be replayed from the dead-letter topic once fixed.
        await tx.query('ROLLBACK TO SAVEPOINT messaging_event');
        if (error instanceof HandlerRejected) applied.rejected.push({ candidate, error: error.failure });
        else timeouts.push({ candidate, error });
      }
    }
    if (timeouts.length === 0 || !timedOut) return applied;
    if (applied.handled + applied.duplicates === 0) throw timedOut;
    for (const { candidate, error } of timeouts) {
      const message = `${errorMessage(error)}: alone, after ${timedOut.attempts} tries of its chunk timed out, while other messages of the chunk went through`;
      applied.rejected.push({ candidate, error: new PermanentError(message, errorCode(error, 'STATEMENT_TIMEOUT'), { cause: error }) });
    }
    return applied;
  }

  private async invoke(candidates: Candidate[], tx: Tx): Promise<void> {
    if (candidates.length === 0) return;
    const { handler, isTransient } = this.options;
    try {
      if ('handleBatch' in handler) await handler.handleBatch(candidates.map((candidate) => candidate.event), tx);
      else for (const candidate of candidates) await handler.handle(candidate.event, tx);
    } catch (error) {
      throw isTransient(error) ? error : new HandlerRejected(error);
    }
  }

  private candidate(raw: RawMessage, envelope: Envelope): Candidate {
    const event: ConsumedEvent = {
      envelope,
      topic: raw.topic,
      partition: raw.partition,
      offset: raw.offset,
      key: raw.key?.toString('utf8') ?? null,
      headers: headersToStrings(raw.headers),
    };
    const { topic, partition, offset } = raw;
    return { raw, event, eventId: envelope.eventId, payloadHash: payloadHash(envelope.payload), topic, partition, offset };
  }

  private conflict(candidate: Candidate): DeadLetterRecord {
    const reason = { code: 'CONFLICTING_DUPLICATE', message: `Event ${candidate.eventId} was already handled with another payload` };
    this.options.logger.error({ ...this.where(candidate), reason }, 'same event id with a different payload; rejected');
    return this.deadLetter(candidate.raw, reason, candidate.event.envelope);
  }

  private deadLetter(raw: RawMessage, reason: DeadLetterReason, envelope?: Envelope): DeadLetterRecord {
    return toDeadLetter(raw, reason, {
      consumerGroup: this.options.consumerGroup,
      eventId: envelope?.eventId,
      correlationId: envelope?.correlationId,
    });
  }

  private where(candidate: Candidate) {
    const { eventId, topic, partition, offset } = candidate;
    return { eventId, correlationId: candidate.event.envelope.correlationId, topic, partition, offset };
  }
}
