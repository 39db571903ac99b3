import type { TransientClassifier } from './errors';

/** Exponential backoff: attempt n waits initialDelayMs × factor^(n-1), never more than maxDelayMs. */
export interface RetryPolicy {
  /** Tries in total, the first one included. */
  readonly maxAttempts: number;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  readonly factor: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialDelayMs: 200, maxDelayMs: 5000, factor: 2 };

/** The wait after the `failures`-th consecutive failure (1-based). */
export function backoffDelay(failures: number, policy: RetryPolicy): number {
  const exponent = Math.max(0, failures - 1);
  return Math.min(policy.maxDelayMs, Math.round(policy.initialDelayMs * policy.factor ** exponent));
}

/** Every wait between the tries of one policy: maxAttempts - 1 of them. */
export function backoffSchedule(policy: RetryPolicy): number[] {
  return Array.from({ length: Math.max(0, policy.maxAttempts - 1) }, (_, index) => backoffDelay(index + 1, policy));
}

export interface RetryInfo {
  readonly attempt: number;
  readonly delayMs: number;
  readonly error: unknown;
}

export interface RetryOptions {
  readonly policy: RetryPolicy;
  readonly isTransient: TransientClassifier;
  readonly onRetry?: (info: RetryInfo) => void;
  /**
   * Awaited after each wait, just before the next try: long retries can keep something else alive meanwhile (a
   * Kafka consumer's group membership). Its failure ends the retries with its own error, never classified.
   */
  readonly beforeRetry?: () => Promise<void>;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Thrown when a transient failure outlasted every try; `cause` is the last failure. */
export class RetriesExhaustedError extends Error {
  readonly code = 'RETRIES_EXHAUSTED';
  constructor(readonly attempts: number, cause: unknown) {
    super(`Gave up after ${attempts} attempts: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'RetriesExhaustedError';
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` until it succeeds, retrying transient failures with backoff; permanent failures are rethrown at once. */
export async function retryTransient<T>(work: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!options.isTransient(error)) throw error;
      if (attempt >= options.policy.maxAttempts) throw new RetriesExhaustedError(attempt, error);
      const delayMs = backoffDelay(attempt, options.policy);
      options.onRetry?.({ attempt, delayMs, error });
      await wait(delayMs);
      await options.beforeRetry?.();
    }
  }
}
