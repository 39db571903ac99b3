import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type pino from 'pino';
import { select } from '../common/sql';
import { CONFIG, LOGGER } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { JobDispatcher } from './job-dispatcher';
import { ReleaseService } from './release.service';

/** Only runs released (batches acknowledged) this long ago are taken for forgotten: live ones are handled within seconds. */
const FORGOTTEN_AFTER_MS = 60_000;

/**
 * At boot: creates the flow of a run released just before the process died, and makes sure every acknowledged
 * batch that is not final is being polled (job schedulers live in Redis, but Redis may have been emptied).
 */
@Injectable()
export class Recovery implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly release: ReleaseService,
    private readonly jobs: JobDispatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RECOVER_ON_BOOT || !this.config.WORKERS_ENABLED) return;
    try {
      const dispatched = await this.release.dispatchForgotten(FORGOTTEN_AFTER_MS);
      const open = await select<{ batch_id: string; run_id: string; watching: boolean }>(
        this.dataSource.manager,
        // A batch acknowledged moments ago is being polled by the process that sent it (schedulers live in Redis).
        `SELECT batch_id, run_id, outcomes_complete_at IS NOT NULL AS watching FROM disbursement.partner_batches
          WHERE status = 'ACKNOWLEDGED' AND status_changed_at < now() - make_interval(secs => $1 / 1000.0)`,
        [FORGOTTEN_AFTER_MS],
      );
      for (const batch of open) await this.jobs.ensurePoller(batch.run_id, batch.batch_id, batch.watching);
      if (dispatched + open.length > 0) this.logger.info({ dispatched, polled: open.length }, 'recovered released runs and open batches');
    } catch (error) {
      this.logger.error({ err: error }, 'recovery at boot failed; the service runs on');
    }
  }
}
