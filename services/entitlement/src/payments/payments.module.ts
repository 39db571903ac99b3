import { Module } from '@nestjs/common';
import { RateTablesModule } from '../rate-tables/rate-tables.module';
import { RunsModule } from '../runs/runs.module';
import { outcomesConsumer } from './outcomes.consumer';
import { OutcomesService } from './outcomes.service';
import { RecoveriesRepository } from './recoveries.repository';
import { RecoveriesService } from './recoveries.service';

@Module({
  imports: [RateTablesModule, RunsModule],
  providers: [RecoveriesRepository, RecoveriesService, OutcomesService, outcomesConsumer],
  exports: [RecoveriesService],
})
export class PaymentsModule {}
