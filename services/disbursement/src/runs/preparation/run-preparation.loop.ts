import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type pino from 'pino';
import { CONFIG, LOGGER } from '../../common/tokens';
import type { DisbursementConfig } from '../../config';
import { RunPreparationService } from './run-preparation.service';

/**
 * Looks for runs whose inputs are complete every PREPARE_POLL_MS. The state is in the database, so a crash loses
 * nothing: the next look finds the run again; several replicas take turns through row locks.
 */
@Injectable()
export class RunPreparationLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly preparation: RunPreparationService,
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    @Inject(LOGGER) private readonly logger: pino.Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.WORKERS_ENABLED) this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.preparation
        .prepareDue()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error({ err: error }, 'run preparation failed; will try again'))
        .finally(() => this.schedule());
    }, this.config.PREPARE_POLL_MS);
  }
}
