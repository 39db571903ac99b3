import { Topics } from '@benefits/contracts';
import { KafkaBatchConsumer, typeormDatabase, type ConsumedEvent, type MessagingLogger } from '@benefits/messaging';
import type { BeforeApplicationShutdown, OnApplicationBootstrap, Provider, Type } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createLogger } from '@benefits/platform';
import type { Kafka } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { SERVICE_NAME, type EntitlementConfig } from '../config';
import { CONFIG, KAFKA, SCHEMA } from './messaging.module';

export interface ConsumerSpec {
  readonly groupId: string;
  readonly topic: string;
  /** Messages per database transaction. */
  readonly chunkSize: number;
  readonly handleBatch: (events: readonly ConsumedEvent[], tx: EntityManager) => Promise<void>;
}

/** A service that handles a batch of consumed events in the consumer's transaction. */
export interface BatchHandler {
  handleBatch(events: readonly ConsumedEvent[], tx: EntityManager): Promise<void>;
}

/** The Nest provider (under `token`) of a consumer of this service whose batches `handler` handles. */
export function consumerProvider(token: symbol, handler: Type<BatchHandler>, spec: (config: EntitlementConfig) => Omit<ConsumerSpec, 'handleBatch'>): Provider {
  return {
    provide: token,
    inject: [KAFKA, getDataSourceToken(), CONFIG, handler],
    useFactory: (kafka: Kafka, dataSource: DataSource, config: EntitlementConfig, service: BatchHandler) =>
      entitlementConsumer(kafka, dataSource, config, { ...spec(config), handleBatch: (events, tx) => service.handleBatch(events, tx) }),
  };
}

/** An inbox-deduplicated batch consumer of this service: database commit first, offset second, poison to the DLQ. */
export function entitlementConsumer(kafka: Kafka, dataSource: DataSource, config: EntitlementConfig, spec: ConsumerSpec): BackgroundConsumer {
  const logger = createLogger(SERVICE_NAME, config.LOG_LEVEL).child({ component: `consumer:${spec.groupId}` });
  const consumer = new KafkaBatchConsumer<EntityManager>({
    kafka,
    groupId: spec.groupId,
    topics: [spec.topic],
    database: typeormDatabase(dataSource),
    inboxSchema: SCHEMA,
    handler: { handleBatch: spec.handleBatch },
    deadLetterTopic: Topics.deadLetter.name,
    chunkSize: spec.chunkSize,
    consumerConfig: { sessionTimeout: 60_000, heartbeatInterval: 3_000, maxBytesPerPartition: 8 * 1024 * 1024, maxWaitTimeInMs: 200 },
    logger,
  });
  return new BackgroundConsumer(consumer, logger);
}

/**
 * Starts a consumer without holding up the service: HTTP answers (and health reports Kafka down) while the broker
 * or a topic is missing; the consumer keeps trying to join every few seconds.
 */
export class BackgroundConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private retry: NodeJS.Timeout | undefined;
  private starting: Promise<void> = Promise.resolve();

  constructor(
    private readonly consumer: KafkaBatchConsumer<EntityManager>,
    private readonly logger: MessagingLogger,
    private readonly retryMs = 5_000,
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    this.starting = this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.retry);
    await this.starting;
    await this.consumer.stop();
  }

  private async start(): Promise<void> {
    try {
      await this.consumer.start();
    } catch (error) {
      this.logger.warn({ error: (error as Error).message, retryInMs: this.retryMs }, 'consumer could not start; trying again');
      await this.consumer.stop().catch(() => undefined);
      if (this.running) this.retry = setTimeout(() => (this.starting = this.start()), this.retryMs);
    }
  }
}
