import { Global, Inject, Module, type DynamicModule } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Outbox, OutboxRelay, typeormDatabase } from '@benefits/messaging';
import { createKafka, createLogger } from '@benefits/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { SERVICE_NAME, type EntitlementConfig } from '../config';

export const KAFKA = Symbol('KAFKA');
export const CONFIG = Symbol('ENTITLEMENT_CONFIG');
export const InjectKafka = () => Inject(KAFKA);
export const InjectConfig = () => Inject(CONFIG);
export const SCHEMA = 'entitlement';

/** The service's Kafka client, its outbox and the relay that publishes it; shared by every feature module. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(config: EntitlementConfig): DynamicModule {
    const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL);
    return {
      module: MessagingModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: Outbox, useValue: new Outbox(SCHEMA) },
        {
          provide: KAFKA,
          useFactory: (): Kafka => createKafka({ clientId: config.KAFKA_CLIENT_ID ?? SERVICE_NAME, brokers: config.KAFKA_BROKERS, logger }),
        },
        {
          provide: OutboxRelay,
          inject: [KAFKA, getDataSourceToken()],
          useFactory: (kafka: Kafka, dataSource: DataSource) =>
            new OutboxRelay({
              kafka,
              database: typeormDatabase(dataSource),
              schema: SCHEMA,
              listen: { connectionString: config.DATABASE_URL },
              logger: logger.child({ component: 'outbox-relay' }),
            }),
        },
      ],
      exports: [CONFIG, Outbox, KAFKA, OutboxRelay],
    };
  }
}
