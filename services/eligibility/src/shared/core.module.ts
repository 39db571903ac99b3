import { Global, Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Outbox, OutboxRelay, typeormDatabase } from '@benefits/messaging';
import { createKafka, createLogger } from '@benefits/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { SERVICE_NAME, type EligibilityConfig } from '../config';
import { NationalIdMisses } from './national-id-misses';
import { RegisterCipher, registerCipher, TransportCipher, transportCipher } from './pii';
import { ELIGIBILITY_CONFIG, KAFKA } from './tokens';

/**
 * What every feature of the service shares: the validated config, the PII ciphers, the budget of ID numbers that found
 * nobody, the Kafka client, the outbox (events written in the caller's transaction) and the relay that publishes it
 * (started with the application).
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: EligibilityConfig): DynamicModule {
    const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
    return {
      module: CoreModule,
      providers: [
        { provide: ELIGIBILITY_CONFIG, useValue: config },
        { provide: RegisterCipher, useValue: registerCipher(config) },
        { provide: TransportCipher, useValue: transportCipher(config) },
        { provide: KAFKA, useValue: createKafka({ clientId: config.KAFKA_CLIENT_ID ?? SERVICE_NAME, brokers: config.KAFKA_BROKERS, logger }) },
        { provide: Outbox, useValue: new Outbox('eligibility') },
        NationalIdMisses,
        {
          provide: OutboxRelay,
          inject: [KAFKA, getDataSourceToken()],
          // null in an API-only process (WORKERS_ENABLED=false): another process relays the outbox.
          useFactory: (kafka: Kafka, dataSource: DataSource) =>
            !config.WORKERS_ENABLED ? null : new OutboxRelay({
              kafka,
              database: typeormDatabase(dataSource),
              schema: 'eligibility',
              // A run's snapshot and destinations chunks are ~300 KB each: a relay that fell behind and took the default
              // 1,000 rows at once would hold 300 MB of them; 50 keep the process flat whatever the size of the run.
              batchSize: 50,
              listen: { connectionString: config.DATABASE_URL },
              logger: logger.child({ component: 'outbox-relay' }),
            }),
        },
      ],
      exports: [ELIGIBILITY_CONFIG, RegisterCipher, TransportCipher, KAFKA, Outbox, OutboxRelay, NationalIdMisses],
    };
  }
}
