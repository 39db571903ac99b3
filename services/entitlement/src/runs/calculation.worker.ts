import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { OutboxRelay } from '@benefits/messaging';
import { InjectConfig } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { CalculationService } from './calculation.service';

/**
 * Calculates verified runs in the background: CALCULATION_WORKERS loops, each taking page after page of persons no
 * other loop (or replica) holds, sleeping when there is nothing to do. A failed batch is rolled back and tried again
 * after a pause; its page stays to be claimed again.
 */
@Injectable()
export class CalculationWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CalculationWorker.name);
  private running = false;
  private loopsDone: Promise<unknown> = Promise.resolve();
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly calculation: CalculationService,
    private readonly relay: OutboxRelay,
    @InjectConfig() private readonly config: EntitlementConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.loopsDone = Promise.all(Array.from({ length: this.config.CALCULATION_WORKERS }, () => this.loop()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    for (const wake of this.sleepers) wake();
    await this.loopsDone;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const outcome = await this.calculation.processNextBatch();
        failures = 0;
        if (outcome === 'idle') await this.sleep(this.config.CALCULATION_POLL_MS);
        else this.relay.notify();
      } catch (error) {
        failures++;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(failures, 6));
        this.logger.error({ error: (error as Error).message, failures, delay }, 'calculation batch failed; rolled back, trying again');
        await this.sleep(delay);
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
