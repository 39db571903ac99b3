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

/** Decides whether a failure is worth retrying (the default is {@link isTransientError}). */
export type TransientClassifier = (error: unknown) => boolean;

/**
 * PostgreSQL SQLSTATEs that go away when tried again, or that say nothing about the message: serialization failure,
 * deadlock, outcome of a commit unknown, lock timeout, server shutting down or restarting, a statement cancelled (a
 * timeout), a read-only transaction (a failover to a standby), an idle transaction timed out.
 */
const TRANSIENT_PG_CODES = new Set(['40001', '40P01', '40003', '55P03', '57P01', '57P02', '57P03', '57014', '25006', '25P03']);
/**
 * Whole classes: 08 connection exceptions, 53 insufficient resources (disk full, out of memory, too many
 * connections), 58 system errors (I/O). A money event dead-lettered for the database's trouble would be lost to its
 * consumer until replayed by hand; retried, it waits for the database to recover.
 */
const TRANSIENT_PG_CLASSES = ['08', '53', '58'];
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
 * The default classification. Known transient database, network and Kafka failures are retried; everything else
 * (a PermanentError, an InvalidEventError, a bug in a handler) is treated as permanent. TypeORM's QueryFailedError
 * (driverError) and wrapped errors (cause) are looked through.
 */
export function isTransientError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (current instanceof PermanentError || current instanceof InvalidEventError) return false;
    if (typeof current !== 'object') return false;
    const { code, name, message, retriable } = current as Record<string, unknown>;
    if (typeof code === 'string' && (TRANSIENT_PG_CODES.has(code) || TRANSIENT_PG_CLASSES.includes(code.slice(0, 2)) || TRANSIENT_NET_CODES.has(code))) return true;
    if (typeof name === 'string' && name.startsWith('KafkaJS') && (retriable === true || TRANSIENT_KAFKA_NAMES.has(name))) return true;
    if (typeof message === 'string' && TRANSIENT_PG_MESSAGES.test(message)) return true;
    const next = current as { driverError?: unknown; cause?: unknown };
    current = next.driverError ?? next.cause;
  }
  return false;
}

/** The stable code reported for a failure: the error's own string `code` if it has one, else the fallback. */
export function errorCode(error: unknown, fallback: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.length > 0 ? code : fallback;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
