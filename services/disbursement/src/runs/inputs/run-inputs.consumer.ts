import type { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import type pino from 'pino';
import { Topics } from '@benefits/contracts';
import { KafkaBatchConsumer, typeormDatabase } from '@benefits/messaging';
import { CONFIG, KAFKA, LOGGER } from '../../common/tokens';
import type { DisbursementConfig } from '../../config';
import { SCHEMA } from '../../shared.module';
import { RunInputsService } from './run-inputs.service';

export const RUN_INPUTS_CONSUMER = Symbol('RUN_INPUTS_CONSUMER');

/**
 * Kafka: the entitlements and destinations of runs, a chunk of messages per transaction (inbox-deduplicated,
 * database committed before the offset). Parses nothing itself: RunInputsService does the work.
 */
export const runInputsConsumer: Provider = {
  provide: RUN_INPUTS_CONSUMER,
  inject: [CONFIG, KAFKA, DataSource, RunInputsService, LOGGER],
  useFactory: (config: DisbursementConfig, kafka: Kafka, dataSource: DataSource, inputs: RunInputsService, logger: pino.Logger) =>
    config.WORKERS_ENABLED
      ? new KafkaBatchConsumer({
          kafka,
          groupId: config.RUN_INPUTS_GROUP,
          topics: [Topics.runEntitlements.name, Topics.runDestinations.name],
          database: typeormDatabase(dataSource),
          inboxSchema: SCHEMA,
          handler: { handleBatch: (events, tx) => inputs.handleBatch(events, tx) },
          deadLetterTopic: Topics.deadLetter.name,
          fromBeginning: config.RUN_INPUTS_FROM_BEGINNING,
          chunkSize: 50,
          logger: logger.child({ component: 'run-inputs-consumer' }),
        })
      : null,
};
