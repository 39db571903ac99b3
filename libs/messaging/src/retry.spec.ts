import { backoffDelay, backoffSchedule, defaultRetryPolicy, RetriesExhaustedError, retryTransient, type RetryInfo } from './retry';

describe('backoff', () => {
  it('doubles from 200 ms and stops at 5 s by default', () => {
    expect(backoffSchedule(defaultRetryPolicy)).toEqual([200, 400, 800, 1600]);
    expect(backoffSchedule({ ...defaultRetryPolicy, maxAttempts: 8 })).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it.each([
    [1, 100],
    [2, 300],
    [3, 900],
    [4, 1000],
    [40, 1000],
  ])('after failure %i waits %i ms (factor 3, cap 1 s)', (failures, delay) => {
    expect(backoffDelay(failures, { maxAttempts: 9, initialDelayMs: 100, maxDelayMs: 1000, factor: 3 })).toBe(delay);
  });

  it('has nothing to wait for with a single attempt', () => {
    expect(backoffSchedule({ ...defaultRetryPolicy, maxAttempts: 1 })).toEqual([]);
  });
});

describe('retryTransient', () => {
  const transient = Object.assign(new Error('deadlock detected'), { code: '40P01' });
  const permanent = new Error('bug');
  const isTransient = (error: unknown) => error === transient;
  const waits: number[] = [];
  const sleep = async (ms: number) => void waits.push(ms);
  beforeEach(() => (waits.length = 0));

  it('retries transient failures with the backoff schedule until the work succeeds', async () => {
    const retries: RetryInfo[] = [];
    let calls = 0;
    const result = await retryTransient(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw transient;
        return 'done';
      },
      { policy: defaultRetryPolicy, isTransient, sleep, onRetry: (info) => retries.push(info) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(waits).toEqual([200, 400]);
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 200],
      [2, 400],
    ]);
  });

  it('rethrows a permanent failure at once', async () => {
    await expect(retryTransient(async () => Promise.reject(permanent), { policy: defaultRetryPolicy, isTransient, sleep })).rejects.toBe(permanent);
    expect(waits).toEqual([]);
  });

  it('gives up after maxAttempts with the last failure as the cause', async () => {
    const failing = retryTransient(async () => Promise.reject(transient), { policy: { ...defaultRetryPolicy, maxAttempts: 3 }, isTransient, sleep });
    await expect(failing).rejects.toBeInstanceOf(RetriesExhaustedError);
    await expect(failing).rejects.toMatchObject({ attempts: 3, cause: transient, code: 'RETRIES_EXHAUSTED' });
    expect(waits).toEqual([200, 400]);
  });

  it('awaits beforeRetry after each wait, before the next try (e.g. a Kafka heartbeat during long retries)', async () => {
    const steps: string[] = [];
    await retryTransient(
      async (attempt) => {
        steps.push(`try ${attempt}`);
        if (attempt < 3) throw transient;
      },
      { policy: defaultRetryPolicy, isTransient, sleep: async (ms) => void steps.push(`wait ${ms}`), beforeRetry: async () => void steps.push('before retry') },
    );
    expect(steps).toEqual(['try 1', 'wait 200', 'before retry', 'try 2', 'wait 400', 'before retry', 'try 3']);
  });

  it('stops at once when beforeRetry fails, with its error, whatever the classifier says of it', async () => {
    const lost = new Error('partition lost');
    let calls = 0;
    const failing = retryTransient(
      async () => {
        calls++;
        throw transient;
      },
      { policy: defaultRetryPolicy, isTransient: () => true, sleep, beforeRetry: () => Promise.reject(lost) },
    );
    await expect(failing).rejects.toBe(lost);
    expect(calls).toBe(1);
  });
});
