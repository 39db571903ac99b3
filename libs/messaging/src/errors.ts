import { InvalidEventError } from '@benefits/contracts';

/** Thrown by a handler for a message that will never succeed however often it is retried: it is dead-lettered. */
export class PermanentError extends Error {
  constructor(
    message: string,
    readonly code = 'PERMANENT_ERROR',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/**
 * The consumer can no longer show that it holds the partition of the chunk in hand: a heartbeat was refused (the
 * group is rebalancing; `cause` is kafkajs's error), the partition was seeked elsewhere (isStale), or the consumer is
 * stopping. The chunk stops where it is, uncommitted, and is never retried or dead-lettered for it: its partition's
 * next owner redoes it, and the inbox skips whatever was committed here.
 */
export class PartitionLostError extends Error {
  readonly code = 'PARTITION_LOST';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PartitionLostError';
  }
}

/** Decides whether a failure is worth retrying (the default is {@link isTransientError}). */
export type TransientClassifier = (error: unknown) => boolean;

/**
 * PostgreSQL SQLSTATEs that go away when tried again, or that say nothing about the message: serialization failure,
 * deadlock, outcome of a commit unknown, lock timeout, server shutting down or restarting, a read-only transaction
 * (a failover to a standby), an idle transaction timed out.
 */
const TRANSIENT_PG_CODES = new Set(['40001', '40P01', '40003', '55P03', '57P01', '57P02', '57P03', '25006', '25P03']);
/**
 * Whole classes: 08 connection exceptions, 53 insufficient resources (disk full, out of memory, too many
 * connections), 58 system errors (I/O). A money event dead-lettered for the database's trouble would be lost to its
 * consumer until replayed by hand; retried, it waits for the database to recover.
 */
const TRANSIENT_PG_CLASSES = ['08', '53', '58'];
/**
 * The database the service meets is not the one its code was written for: a table, column or function missing (a
 * service deployed before its migration ran), a permission not granted, a schema or database missing (class 42
 * syntax error or access rule violation, 3D, 3F). Every message would fail alike and be dead-lettered; retried, they
 * are handled once the schema is right. A handler's own SQL mistake waits too, visibly (a paused partition, its logs),
 * rather than losing the messages to the dead-letter topic.
 */
const SCHEMA_PG_CLASSES = ['42', '3D', '3F'];
/**
 * A statement cancelled by statement_timeout: the database's trouble (overload, a lock held elsewhere) or the
 * message's (a statement it makes too heavy ever to finish). Retried as transient; the ChunkProcessor blames one
 * message only when it times out alone while the other messages of its chunk go through.
 */
const STATEMENT_TIMEOUT = '57014';
const TRANSIENT_NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** kafkajs marks most of its retriable errors with `retriable`; these mean "the broker is away", also worth waiting for. */
const TRANSIENT_KAFKA_NAMES = new Set([
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
]);
/** pg raises these without a code when the socket drops or the pool cannot hand out a connection. */
const TRANSIENT_PG_MESSAGES = /Connection terminated|connection error|timeout exceeded when trying to connect/i;

/**
 * What a failure is about. `infrastructure`: the database, network or broker is in trouble; retried for ever (with
 * backoff, then a paused partition), never dead-lettered, or an outage would dead-letter every message. `timeout`: a
 * statement timeout, retried the same way until it is pinned on one message (see STATEMENT_TIMEOUT). `message`:
 * everything else (a PermanentError, an InvalidEventError, a data error such as 22003 or 23505, a bug in a handler);
 * the message is dead-lettered once it fails again on its own. TypeORM's QueryFailedError (driverError) and wrapped
 * errors (cause) are looked through.
 */
type FailureKind = 'infrastructure' | 'timeout' | 'message';

/** The one place where failures are classified; isTransientError and isStatementTimeout are views of it. */
function failureKind(error: unknown): FailureKind {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof PermanentError || current instanceof InvalidEventError) return 'message';
    if (typeof current !== 'object') return 'message';
    const { code, name, message, retriable } = current as Record<string, unknown>;
    if (code === STATEMENT_TIMEOUT) return 'timeout';
    if (typeof code === 'string' && (TRANSIENT_PG_CODES.has(code) || TRANSIENT_PG_CLASSES.includes(code.slice(0, 2)) || SCHEMA_PG_CLASSES.includes(code.slice(0, 2)) || TRANSIENT_NET_CODES.has(code))) {
      return 'infrastructure';
    }
    if (typeof name === 'string' && name.startsWith('KafkaJS') && (retriable === true || TRANSIENT_KAFKA_NAMES.has(name))) return 'infrastructure';
    if (typeof message === 'string' && TRANSIENT_PG_MESSAGES.test(message)) return 'infrastructure';
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return 'message';
}

/** The default classification: infrastructure faults and statement timeouts are retried; the rest is permanent. */
export function isTransientError(error: unknown): boolean {
  return failureKind(error) !== 'message';
}

export function isStatementTimeout(error: unknown): boolean {
  return failureKind(error) === 'timeout';
}

/** The stable code reported for a failure: the error's own string `code` if it has one, else the fallback. */
export function errorCode(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : fallback;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
