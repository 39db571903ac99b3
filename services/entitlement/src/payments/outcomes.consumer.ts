import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Topics } from '@benefits/contracts';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { entitlementConsumer } from '../common/consumer.factory';
import { CONFIG, KAFKA } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { OutcomesService } from './outcomes.service';

export const OUTCOMES_CONSUMER = Symbol('OUTCOMES_CONSUMER');

/**
 * Kafka: PaymentOutcomesRecorded (and the single PaymentOutcomeRecorded), group entitlement.payment-outcomes; parse and
 * hand over. Twenty events a transaction: up to 10,000 outcomes.
 */
export const outcomesConsumer: Provider = {
  provide: OUTCOMES_CONSUMER,
  inject: [KAFKA, getDataSourceToken(), CONFIG, OutcomesService],
  useFactory: (kafka: Kafka, dataSource: DataSource, config: EntitlementConfig, service: OutcomesService) =>
    entitlementConsumer(kafka, dataSource, config, {
      groupId: 'entitlement.payment-outcomes',
      topic: Topics.paymentOutcomes.name,
      chunkSize: 20,
      handleBatch: (events, tx) => service.handleBatch(events, tx),
    }),
};
