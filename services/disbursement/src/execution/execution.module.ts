import { BullModule } from '@nestjs/bullmq';
import { Module, type DynamicModule } from '@nestjs/common';
import { Queues } from '@benefits/contracts';
import { ChannelsModule } from '../channels/channels.module';
import type { DisbursementConfig } from '../config';
import { OutcomesModule } from '../outcomes/outcomes.module';
import { BatchSender } from './batch-sender.service';
import { BatchesController } from './batches.controller';
import { BatchesService } from './batches.service';
import { PARTNERS } from './domain/batch-status';
import { ExecutionController } from './execution.controller';
import { FLOW_PRODUCER, JobDispatcher } from './job-dispatcher';
import { OutcomePoller } from './outcome-poller.service';
import { PartnerCallbacksController } from './partner-callbacks.controller';
import { OutcomesProcessor, partnerBatchProcessor, ReleaseProcessor, RunProcessor } from './processors';
import { partnerQueue, redisConnection } from './queues';
import { Recovery } from './recovery';
import { DisbursementMetrics } from './disbursement-metrics';
import { ReleaseService } from './release.service';
import { RunProgress } from './run-progress';

/** Release and what follows: BullMQ flows, partner batches, outcome polling. Workers only where enabled. */
@Module({})
export class ExecutionModule {
  static forRoot(config: DisbursementConfig): DynamicModule {
    const queues = [Queues.releases, Queues.runs, Queues.outcomes, ...PARTNERS.map(partnerQueue)];
    const workers = config.WORKERS_ENABLED ? [ReleaseProcessor, RunProcessor, OutcomesProcessor, ...PARTNERS.map((p) => partnerBatchProcessor(p, config))] : [];
    return {
      module: ExecutionModule,
      // Built once (its per-partner workers are classes made here): global, so payments and the dashboard share it.
      global: true,
      imports: [
        BullModule.forRoot({ connection: redisConnection(config.REDIS_URL), prefix: config.QUEUE_PREFIX }),
        BullModule.registerQueue(...queues.map((name) => ({ name }))),
        BullModule.registerFlowProducer({ name: FLOW_PRODUCER }),
        ChannelsModule,
        OutcomesModule,
      ],
      controllers: [ExecutionController, BatchesController, PartnerCallbacksController],
      providers: [ReleaseService, JobDispatcher, BatchSender, BatchesService, OutcomePoller, RunProgress, Recovery, DisbursementMetrics, ...workers],
      exports: [JobDispatcher, BatchSender, OutcomePoller, RunProgress],
    };
  }
}
