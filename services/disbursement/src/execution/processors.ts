import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, type Type } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { executeRunJobSchema, pollOutcomesJobSchema, Queues, releaseRunJobSchema, sendBatchJobSchema } from '@benefits/contracts';
import type { DisbursementConfig } from '../config';
import { BatchSender, UnknownBatchError } from './batch-sender.service';
import type { Partner } from './domain/batch-status';
import { OutcomePoller } from './outcome-poller.service';
import { partnerQueue } from './queues';
import { ReleaseService } from './release.service';
import { RunProgress } from './run-progress';

/** Releases an approved run the approver released: plans its batches (one at a time: it is the heaviest work). */
@Processor(Queues.releases)
export class ReleaseProcessor extends WorkerHost {
  constructor(@Inject(ReleaseService) private readonly releases: ReleaseService) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const { runId } = releaseRunJobSchema.parse(job.data);
    return { status: await this.releases.completeRelease(runId) };
  }
}

/** Parent of a run's flow: runs once every partner batch job has completed. */
@Processor(Queues.runs)
export class RunProcessor extends WorkerHost {
  constructor(@Inject(RunProgress) private readonly progress: RunProgress) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const { runId } = executeRunJobSchema.parse(job.data);
    return { status: await this.progress.advance(runId) };
  }
}

/** The repeatable look at one batch's outcomes. */
@Processor(Queues.outcomes, { concurrency: 4 })
export class OutcomesProcessor extends WorkerHost {
  constructor(@Inject(OutcomePoller) private readonly poller: OutcomePoller) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const { batchId } = pollOutcomesJobSchema.parse(job.data);
    return this.poller.poll(batchId);
  }
}

/**
 * The worker of one partner's batches, with that partner's rate limit from config (hence a class per partner,
 * made when the module is built). Retries with exponential backoff come from the job options.
 */
export function partnerBatchProcessor(partner: Partner, config: DisbursementConfig): Type<WorkerHost> {
  const limiter =
    partner === 'bank'
      ? { max: config.BANK_RATE_MAX, duration: config.BANK_RATE_DURATION_MS }
      : { max: config.POST_OFFICE_RATE_MAX, duration: config.POST_OFFICE_RATE_DURATION_MS };

  @Processor(partnerQueue(partner), { limiter, concurrency: config.BATCH_CONCURRENCY })
  class PartnerBatchProcessor extends WorkerHost {
    constructor(@Inject(BatchSender) private readonly sender: BatchSender) {
      super();
    }

    async process(job: Job): Promise<unknown> {
      const { batchId } = sendBatchJobSchema.parse(job.data);
      try {
        return { status: await this.sender.send(batchId) };
      } catch (error) {
        // A batch that does not exist will not exist on a retry either.
        if (error instanceof UnknownBatchError) throw new UnrecoverableError(error.message);
        throw error;
      }
    }
  }
  Object.defineProperty(PartnerBatchProcessor, 'name', { value: `PartnerBatchProcessor_${partner}` });
  return PartnerBatchProcessor;
}
