import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createLogger } from '@benefits/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { SERVICE_NAME, type EligibilityConfig } from '../config';
import { ELIGIBILITY_CONFIG, KAFKA } from '../shared/tokens';
import { collectionAlertsConsumer } from './collection-alerts.consumer';
import { LifeEventsController } from './life-events.controller';
import { LifeEventsService } from './life-events.service';
import { AmendmentService } from './amendment.service';
import { TerminationController } from './termination.controller';
import { TerminationService } from './termination.service';

const COLLECTION_ALERTS_CONSUMER = Symbol('COLLECTION_ALERTS_CONSUMER');

@Module({
  controllers: [LifeEventsController, TerminationController],
  providers: [
    LifeEventsService,
    TerminationService,
    AmendmentService,
    {
      provide: COLLECTION_ALERTS_CONSUMER,
      inject: [ELIGIBILITY_CONFIG, KAFKA, getDataSourceToken(), LifeEventsService],
      useFactory: (config: EligibilityConfig, kafka: Kafka, dataSource: DataSource, lifeEvents: LifeEventsService) =>
        config.WORKERS_ENABLED
          ? collectionAlertsConsumer({ kafka, dataSource, lifeEvents, logger: createLogger(SERVICE_NAME, config.LOG_LEVEL).child({ component: 'collection-alerts' }) })
          : null,
    },
  ],
})
export class LifeEventsModule {}
