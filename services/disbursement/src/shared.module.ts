import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Kafka } from 'kafkajs';
import { Outbox, OutboxRelay, typeormDatabase } from '@benefits/messaging';
import { createKafka, createLogger } from '@benefits/platform';
import { SERVICE_NAME, type DisbursementConfig } from './config';
import { DisbursementErrorFilter } from './common/error.filter';
import { AtRestCipher, atRestCipher, TransportCipher, transportCipher } from './common/pii';
import { CONFIG, KAFKA, LOGGER, OUTBOX } from './common/tokens';

export const SCHEMA = 'disbursement';

/** What every feature uses: the config, the logger, the ciphers, Kafka, the outbox and its relay, the error filter. */
@Global()
@Module({})
export class SharedModule {
  static forRoot(config: DisbursementConfig): DynamicModule {
    const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
    return {
      module: SharedModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: AtRestCipher, useValue: atRestCipher(config) },
        { provide: TransportCipher, useValue: transportCipher(config) },
        { provide: KAFKA, useValue: createKafka({ clientId: config.KAFKA_CLIENT_ID ?? SERVICE_NAME, brokers: config.KAFKA_BROKERS, logger }) },
        { provide: OUTBOX, useValue: new Outbox(SCHEMA) },
        {
          provide: OutboxRelay,
          inject: [KAFKA, DataSource],
          useFactory: (kafka: Kafka, dataSource: DataSource) =>
            new OutboxRelay({
              kafka,
              database: typeormDatabase(dataSource),
              schema: SCHEMA,
              listen: { connectionString: config.DATABASE_URL },
              logger: logger.child({ component: 'outbox-relay' }),
            }),
        },
        { provide: APP_FILTER, useClass: DisbursementErrorFilter },
      ],
      exports: [CONFIG, LOGGER, AtRestCipher, TransportCipher, KAFKA, OUTBOX, OutboxRelay],
    };
  }
}
