import type { Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Topics } from '@benefits/contracts';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { entitlementConsumer } from '../common/consumer.factory';
import { CONFIG, KAFKA } from '../common/messaging.module';
import type { EntitlementConfig } from '../config';
import { SnapshotsService } from './snapshots.service';

export const SNAPSHOTS_CONSUMER = Symbol('SNAPSHOTS_CONSUMER');

/** Kafka: EligibilitySnapshotChunk and EligibilitySnapshotCompleted, group entitlement.snapshots; parse and hand over. */
export const snapshotsConsumer: Provider = {
  provide: SNAPSHOTS_CONSUMER,
  inject: [KAFKA, getDataSourceToken(), CONFIG, SnapshotsService],
  useFactory: (kafka: Kafka, dataSource: DataSource, config: EntitlementConfig, service: SnapshotsService) =>
    entitlementConsumer(kafka, dataSource, config, {
      groupId: 'entitlement.snapshots',
      topic: Topics.eligibilitySnapshots.name,
      chunkSize: config.SNAPSHOT_CHUNKS_PER_TRANSACTION,
      handleBatch: (events, tx) => service.handleBatch(events, tx),
    }),
};
