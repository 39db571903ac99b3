import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createLogger } from '@benefits/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { SERVICE_NAME, type EligibilityConfig } from '../config';
import { ELIGIBILITY_CONFIG, KAFKA } from '../shared/tokens';
import { runRequestsConsumer } from './snapshot.consumer';
import { SnapshotService } from './snapshot.service';
import { SnapshotWorker } from './snapshot.worker';

const RUN_REQUESTS_CONSUMER = Symbol('RUN_REQUESTS_CONSUMER');

@Module({
  providers: [
    SnapshotService,
    SnapshotWorker,
    {
      // Started and stopped by Nest with the application (KafkaBatchConsumer has the lifecycle hooks).
      provide: RUN_REQUESTS_CONSUMER,
      inject: [ELIGIBILITY_CONFIG, KAFKA, getDataSourceToken(), SnapshotService, SnapshotWorker],
      useFactory: (config: EligibilityConfig, kafka: Kafka, dataSource: DataSource, snapshots: SnapshotService, worker: SnapshotWorker) =>
        config.WORKERS_ENABLED
          ? runRequestsConsumer({ kafka, dataSource, snapshots, worker, logger: createLogger(SERVICE_NAME, config.LOG_LEVEL).child({ component: 'run-requests' }) })
          : null,
    },
  ],
})
export class SnapshotsModule {}
