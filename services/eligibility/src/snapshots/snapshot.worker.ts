import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@benefits/messaging';
import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EligibilityConfig } from '../config';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import { PAGE_COMMITTED, STOP, WAKE, type ThreadData } from './snapshot.thread';

/** A thread that died is started again after this pause (its page was rolled back; the snapshot resumes after it). */
const RESTART_MS = 2_000;
/**
 * Old generation of the snapshot thread, per 5,000 persons of a page. What a build keeps alive is a couple of pages
 * (50 to 70 MB with pages of 5,000), but it allocates about a gigabyte per 100,000 decisions, and left to itself V8
 * lets the heap grow to four or five times the live data between full collections (250 MB). The cap costs a few more
 * collections; it grows with SNAPSHOT_PAGE_SIZE, so a larger page never runs the thread out of memory.
 */
const OLD_GENERATION_MB_PER_5000 = 128;

/**
 * Builds requested snapshots in worker threads (snapshot.thread.ts), SNAPSHOT_THREADS of them, each building a part
 * of a run (a range of person ids): reading, deciding and serialising a million decisions is CPU work, so it is
 * spread over the cores while this thread serves HTTP, the Kafka consumers and the outbox relay that publishes each
 * page as soon as it commits.
 */
@Injectable()
export class SnapshotWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SnapshotWorker.name);
  private readonly threads = new Map<number, Worker>();
  private readonly restarts = new Set<NodeJS.Timeout>();
  private running = false;

  constructor(
    @Optional() private readonly relay: OutboxRelay | null,
    @Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.WORKERS_ENABLED) return;
    this.running = true;
    for (let index = 0; index < this.config.SNAPSHOT_THREADS; index++) this.start(index);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    for (const restart of this.restarts) clearTimeout(restart);
    await Promise.all(
      [...this.threads.values()].map((thread) => {
        const exited = once(thread, 'exit');
        thread.postMessage(STOP);
        return exited;
      }),
    );
  }

  /** A run was requested: build it now rather than at the next poll. */
  notify(): void {
    for (const thread of this.threads.values()) thread.postMessage(WAKE);
  }

  private start(index: number): void {
    const data: ThreadData = { role: 'eligibility-snapshots', index, config: this.config };
    const maxOldGenerationSizeMb = Math.ceil(OLD_GENERATION_MB_PER_5000 * Math.max(1, this.config.SNAPSHOT_PAGE_SIZE / 5000));
    const thread = new Worker(join(__dirname, 'snapshot.thread.js'), { workerData: data, resourceLimits: { maxOldGenerationSizeMb } });
    this.threads.set(index, thread);
    thread.on('message', (message) => {
      if (message === PAGE_COMMITTED) this.relay?.notify();
    });
    thread.on('error', (error) => this.logger.error({ index, error: error.message }, 'snapshot thread failed'));
    thread.on('exit', (code) => {
      this.threads.delete(index);
      if (!this.running) return;
      this.logger.error({ index, code, restartInMs: RESTART_MS }, 'snapshot thread stopped; starting another');
      const restart = setTimeout(() => {
        this.restarts.delete(restart);
        this.start(index);
      }, RESTART_MS);
      this.restarts.add(restart);
    });
  }
}
