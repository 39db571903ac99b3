import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type pino from 'pino';
import { select } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { NotificationDispatcher } from '../outcomes/notification-dispatcher';
import { JobDispatcher } from './job-dispatcher';
import { ReleaseService } from './release.service';
import { RunProgress } from './run-progress';

/** Only work this old is taken for forgotten (runs released, batches planned or acknowledged): live work is handled within seconds. */
const FORGOTTEN_AFTER_MS = 60_000;

/**
 * At boot, and every RECOVERY_INTERVAL_MS after (jobs are added after the commit that makes their work, so a process
 * that dies in between, or a Redis that refuses a job, leaves work nothing will do): queues the release of a run left
 * RELEASING without a live job, creates the flow of a run
 * released without one, queues planned batches whose job was never queued (a re-send approved just before) and
 * batches not yet sent whose job Redis lost (it keeps its jobs in memory) or whose job failed (the partner away for
 * longer than its attempts), and
 * makes sure every acknowledged batch that is not final is being polled (job schedulers live in Redis, but Redis may
 * have been emptied), and sends the notifications still pending (a process died between an outcome's commit and
 * sending them, or the notifier failed). Each step is idempotent (job ids come from the work), so replicas may all do it.
 */
@Injectable()
export class Recovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly release: ReleaseService,
    private readonly jobs: JobDispatcher,
    private readonly notifications: NotificationDispatcher,
    private readonly progress: RunProgress,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RECOVER_ON_BOOT || !this.config.WORKERS_ENABLED) return;
    await this.recover();
    this.timer = setInterval(() => void this.recover(), this.config.RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One sweep; never throws (a failed sweep is logged, the next one tries again). */
  async recover(): Promise<void> {
    try {
      const releases = await this.jobs.requeueReleases(FORGOTTEN_AFTER_MS);
      const dispatched = await this.release.dispatchForgotten(FORGOTTEN_AFTER_MS);
      const queued = await this.jobs.requeueMissing(FORGOTTEN_AFTER_MS);
      const open = await select<{ batch_id: string; run_id: string; watching: boolean }>(
        this.dataSource.manager,
        // A batch acknowledged moments ago is being polled by the process that sent it (schedulers live in Redis).
        `SELECT batch_id, run_id, outcomes_complete_at IS NOT NULL AS watching FROM disbursement.partner_batches
          WHERE status = 'ACKNOWLEDGED' AND status_changed_at < now() - make_interval(secs => $1 / 1000.0)`,
        [FORGOTTEN_AFTER_MS],
      );
      for (const batch of open) await this.jobs.ensurePoller(batch.run_id, batch.batch_id, batch.watching);
      // A run whose last batch is final, or that has none, is moved on by no job any more once that move was lost.
      const advanced = await this.progress.advanceQuiet(FORGOTTEN_AFTER_MS);
      if (releases + dispatched + queued + advanced > 0) {
        this.logger.warn({ releases, dispatched, queued, advanced }, 'recovered releases, released runs and batches whose jobs were never queued, are no longer in Redis or failed, and runs left unmoved');
      }
      if (open.length > 0) this.logger.debug({ polled: open.length }, 'open batches are polled');
      const notified = await this.notifications.flushAll();
      if (notified > 0) this.logger.warn({ notified }, 'sent notifications left pending');
    } catch (error) {
      this.logger.error({ err: error }, 'recovery sweep failed; the next one tries again');
    }
  }
}
