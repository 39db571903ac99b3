import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Topics } from '@benefits/contracts';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { entitlementConsumer } from '../common/consumer.factory';
import { CONFIG, KAFKA } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { RunClosuresService } from './run-closures.service';

export const RUN_CLOSURES_CONSUMER = Symbol('RUN_CLOSURES_CONSUMER');

/** Kafka: RunClosedUnpaid on the run requests' topic, group entitlement.run-closures. */
export const runClosuresConsumer: Provider = {
  provide: RUN_CLOSURES_CONSUMER,
  inject: [KAFKA, getDataSourceToken(), CONFIG, RunClosuresService],
  useFactory: (kafka: Kafka, dataSource: DataSource, config: EntitlementConfig, service: RunClosuresService) =>
    entitlementConsumer(kafka, dataSource, config, {
      groupId: 'entitlement.run-closures',
      topic: Topics.runRequests.name,
      chunkSize: 20,
      handleBatch: (events, tx) => service.handleBatch(events, tx),
    }),
};
