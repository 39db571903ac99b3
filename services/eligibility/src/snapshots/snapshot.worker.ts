import { Inject, Injectable, Logger, Optional, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay, Wakeup } from '@benefits/messaging';
import type { EligibilityConfig } from '../config';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import { SnapshotService } from './snapshot.service';

const POLL_MS = 2000;
const RETRY_MS = 5000;

/**
 * Builds requested snapshots in the background, page after page, outside the consumer's transaction (a million
 * decisions must not hold a Kafka batch). Woken by the run-requests consumer after each commit; also polls, so a
 * snapshot left half-built by a crash is resumed by whichever replica gets to it first.
 */
@Injectable()
export class SnapshotWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SnapshotWorker.name);
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly wakeup = new Wakeup();

  constructor(
    private readonly snapshots: SnapshotService,
    @Optional() private readonly relay: OutboxRelay | null,
    @Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.WORKERS_ENABLED) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.notify();
    await this.loopDone;
  }

  notify(): void {
    this.wakeup.notify();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        for (const runId of await this.snapshots.pending()) await this.build(runId);
        await this.idle(POLL_MS);
      } catch (error) {
        this.logger.error({ message: (error as Error).message, code: (error as { code?: string }).code }, 'snapshot page failed; retrying');
        await this.idle(RETRY_MS);
      }
    }
  }

  private async build(runId: string): Promise<void> {
    const started = Date.now();
    let pages = 0;
    const outcome = await this.snapshots.build(runId, () => this.running, () => {
      pages++;
      this.relay?.notify();
    });
    this.relay?.notify();
    this.logger.log({ runId, outcome, pages, ms: Date.now() - started }, 'snapshot build finished');
  }

  private idle(ms: number): Promise<void> {
    return this.wakeup.pause(ms, this.running);
  }
}
