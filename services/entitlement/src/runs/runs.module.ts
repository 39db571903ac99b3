import { Module } from '@nestjs/common';
import { RateTablesModule } from '../rate-tables/rate-tables.module';
import { CalculationRepository } from './calculation.repository';
import { CalculationService } from './calculation.service';
import { CalculationWorker } from './calculation.worker';
import { runClosuresConsumer } from './run-closures.consumer';
import { RunClosuresService } from './run-closures.service';
import { RunOutputRepository } from './run-output.repository';
import { RunViewRepository } from './run-view.repository';
import { RunsController } from './runs.controller';
import { RunsQuery } from './runs.query';
import { SnapshotRepository } from './snapshot.repository';
import { snapshotsConsumer } from './snapshots.consumer';
import { SnapshotsService } from './snapshots.service';

@Module({
  imports: [RateTablesModule],
  controllers: [RunsController],
  providers: [
    SnapshotRepository,
    SnapshotsService,
    snapshotsConsumer,
    RunClosuresService,
    runClosuresConsumer,
    CalculationRepository,
    RunOutputRepository,
    CalculationService,
    CalculationWorker,
    RunViewRepository,
    RunsQuery,
  ],
  exports: [RunOutputRepository, CalculationRepository],
})
export class RunsModule {}
