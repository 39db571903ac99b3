import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Topics } from '@benefits/contracts';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { entitlementConsumer } from '../common/consumer.factory';
import { CONFIG, KAFKA } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { LifeEventsService } from './life-events.service';

export const LIFE_EVENTS_CONSUMER = Symbol('LIFE_EVENTS_CONSUMER');

/** Kafka: LifeEventRecorded, group entitlement.life-events; parse and hand over. */
export const lifeEventsConsumer: Provider = {
  provide: LIFE_EVENTS_CONSUMER,
  inject: [KAFKA, getDataSourceToken(), CONFIG, LifeEventsService],
  useFactory: (kafka: Kafka, dataSource: DataSource, config: EntitlementConfig, service: LifeEventsService) =>
    entitlementConsumer(kafka, dataSource, config, {
      groupId: 'entitlement.life-events',
      topic: Topics.lifeEvents.name,
      chunkSize: 500,
      handleBatch: (events, tx) => service.handleBatch(events, tx),
    }),
};
