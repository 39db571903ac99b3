/**
 * Deferred work on a clock, run in a deterministic order. A job runs with its own due time (not the moment the
 * timer fired), and jobs due at the same time run in the order they were scheduled, so the same inputs always give
 * the same outcomes, booking times and references, however late the event loop is.
 *
 * Every request calls advance() first, so what a client reads never lags behind what is due; a timer also wakes
 * the scheduler for work nobody asks about (callbacks).
 */
export type Clock = () => number;

interface Job {
  dueAt: number;
  seq: number;
  run: (at: number) => void;
}

export class Scheduler {
  private queue: Job[] = [];
  private seq = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  now(): number {
    return this.clock();
  }

  at(dueAt: number, run: (at: number) => void): void {
    const job = { dueAt, seq: this.seq++, run };
    const index = this.queue.findIndex((j) => j.dueAt > dueAt);
    this.queue.splice(index === -1 ? this.queue.length : index, 0, job);
    this.arm();
  }

  /** Runs everything due by now; jobs scheduled by a job run in the same pass when they are due too. */
  advance(): void {
    const now = this.clock();
    for (let job = this.queue[0]; job !== undefined && job.dueAt <= now; job = this.queue[0]) {
      this.queue.shift();
      try {
        job.run(job.dueAt);
      } catch (error) {
        this.onError(error);
      }
    }
    this.arm();
  }

  /** Drops all pending work (reset, shutdown). */
  clear(): void {
    this.queue = [];
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.queue[0];
    if (!next) return;
    this.timer = setTimeout(() => this.advance(), Math.max(0, next.dueAt - this.clock()));
    // A sandbox's pending work must not keep a test process (or a stopping server) alive.
    this.timer.unref();
  }
}
