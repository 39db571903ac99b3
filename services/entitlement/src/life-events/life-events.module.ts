import { Module } from '@nestjs/common';
import { PaymentsModule } from '../payments/payments.module';
import { RateTablesModule } from '../rate-tables/rate-tables.module';
import { lifeEventsConsumer } from './life-events.consumer';
import { LifeEventsService } from './life-events.service';

@Module({
  imports: [RateTablesModule, PaymentsModule],
  providers: [LifeEventsService, lifeEventsConsumer],
})
export class LifeEventsModule {}
