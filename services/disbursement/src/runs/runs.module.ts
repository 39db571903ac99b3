import { Module } from '@nestjs/common';
import { runInputsConsumer } from './inputs/run-inputs.consumer';
import { RunInputsService } from './inputs/run-inputs.service';
import { RunPreparationLoop } from './preparation/run-preparation.loop';
import { RunPreparationService } from './preparation/run-preparation.service';
import { RunPreviewService } from './run-preview.service';
import { RunReportsService } from './run-reports.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';

/** A run until its release: request, inputs over Kafka, control totals, instructions, preview, approval. */
@Module({
  controllers: [RunsController],
  providers: [RunsService, RunInputsService, runInputsConsumer, RunPreparationService, RunPreparationLoop, RunPreviewService, RunReportsService],
  exports: [RunsService, RunPreparationService, RunInputsService],
})
export class RunsModule {}
