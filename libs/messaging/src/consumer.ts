import type { Consumer, ConsumerConfig, EachBatchPayload, Kafka, Producer } from 'kafkajs';
import { ChunkProcessor, type ChunkOutcome, type EventHandler } from './chunk-processor';
import { deadLetterMessage, type DeadLetterRecord, type RawMessage } from './dead-letter';
import { PartitionLostError, errorCode, errorMessage, isTransientError, type TransientClassifier } from './errors';
import { Inbox } from './inbox';
import { defaultLogger, type MessagingLogger } from './logger';
import { ALL_REPLICAS, createReliableProducer } from './producer';
import { defaultRetryPolicy, type RetryInfo, type RetryPolicy } from './retry';
import type { Database, Sql } from './sql';

interface Position {
  readonly topic: string;
  readonly partition: number;
}

export interface ConsumerHooks {
  onRetry?(info: RetryInfo & Position): void;
  /** After a chunk's offset is committed; `offset` is the next offset to read. */
  onCommitted?(info: Position & { offset: string; handled: number; duplicates: number; deadLettered: number }): void;
  onDeadLettered?(record: DeadLetterRecord): void;
  /** A chunk failed for good (retries exhausted, or the database/Kafka refused): its partition waits, uncommitted. */
  onPaused?(info: Position & { offset: string; resumeInMs: number; error: unknown }): void;
  /** Test seam: runs after the database commit (and dead-lettering) and before the offset commit. */
  afterDbCommitBeforeOffsetCommit?(info: Position & { lastOffset: string }): void | Promise<void>;
}

export interface KafkaBatchConsumerOptions<Tx extends Sql> {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Transactions for the handler's effects and the inbox rows (pgDatabase(pool) or typeormDatabase(dataSource)). */
  readonly database: Database<Tx>;
  /** The schema holding this service's inbox table. */
  readonly inboxSchema: string;
  readonly handler: EventHandler<Tx>;
  /** E.g. platform.dead-letter.v1; must exist (topics are never auto-created). */
  readonly deadLetterTopic: string;
  /** Where a group with no committed offset starts; default true (the earliest retained message, nothing skipped). */
  readonly fromBeginning?: boolean;
  /** Messages per database transaction and per offset commit; default 500. */
  readonly chunkSize?: number;
  /** Retries of transient failures; default 5 tries, 200 ms doubling to at most 5 s. */
  readonly retry?: Partial<RetryPolicy>;
  readonly isTransient?: TransientClassifier;
  /** How long a partition waits after a chunk failed for good, before it is fetched again; default 30 s. */
  readonly pauseAfterFailureMs?: number;
  readonly partitionsConsumedConcurrently?: number;
  /** Extra kafkajs consumer settings (sessionTimeout, heartbeatInterval, maxBytesPerPartition ...). */
  readonly consumerConfig?: Partial<Omit<ConsumerConfig, 'groupId'>>;
  readonly logger?: MessagingLogger;
  readonly hooks?: ConsumerHooks;
}

/**
 * A kafkajs consumer with exactly-once effects: each chunk of a batch is handled in one database transaction
 * together with its inbox rows; the DATABASE IS COMMITTED FIRST, then poison messages go to the dead-letter topic,
 * then the offset is committed. A crash between the two commits means a redelivery, which the inbox skips.
 * Usable as a Nest provider: it starts on application bootstrap and stops before shutdown.
 */
export class KafkaBatchConsumer<Tx extends Sql = Sql> {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly processor: ChunkProcessor<Tx>;
  private readonly logger: MessagingLogger;
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private started = false;

  constructor(private readonly options: KafkaBatchConsumerOptions<Tx>) {
    this.logger = options.logger ?? defaultLogger(`consumer:${options.groupId}`);
    this.consumer = options.kafka.consumer({ allowAutoTopicCreation: false, ...options.consumerConfig, groupId: options.groupId });
    this.producer = createReliableProducer(options.kafka);
    this.processor = new ChunkProcessor({
      database: options.database,
      inbox: new Inbox(options.inboxSchema),
      handler: options.handler,
      isTransient: options.isTransient ?? isTransientError,
      policy: { ...defaultRetryPolicy, ...options.retry },
      consumerGroup: options.groupId,
      logger: this.logger,
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.options.topics], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /** Lets the chunk in hand finish (kafkajs waits for eachBatch), leaves the group, disconnects. */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, pause }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const hooks = this.options.hooks;
    const size = this.options.chunkSize ?? 500;
    for (let start = 0; start < batch.messages.length; start += size) {
      if (!isRunning() || isStale()) return;
      const chunk: RawMessage[] = batch.messages
        .slice(start, start + size)
        .map(({ offset, key, value, headers, timestamp }) => ({ topic, partition, offset, key, value, headers, timestamp }));
      const lastOffset = chunk[chunk.length - 1].offset;
      const keepAlive = () => this.keepAlive({ heartbeat, isRunning, isStale });
      let outcome: ChunkOutcome;
      try {
        outcome = await this.processor.process(chunk, { onRetry: (info) => hooks?.onRetry?.({ ...info, topic, partition }), keepAlive });
        // The database has committed; if the partition went elsewhere meanwhile, its new owner redoes the chunk
        // (the inbox skips what was applied here) and dead-letters its poison messages: here they would go twice.
        await keepAlive();
        await this.deadLetter(outcome.deadLetters);
      } catch (error) {
        if (error instanceof PartitionLostError) return this.stopLostChunk({ topic, partition }, chunk[0].offset, error);
        // Nothing of this chunk is resolved, so once resumed the partition is fetched again from its first message.
        this.pauseAfterFailure({ topic, partition }, chunk[0].offset, error, pause);
        return;
      }
      await hooks?.afterDbCommitBeforeOffsetCommit?.({ topic, partition, lastOffset });
      // A failed offset commit (e.g. a rebalance) is left to kafkajs: the chunk is redelivered and the inbox skips it.
      resolveOffset(lastOffset);
      const next = (BigInt(lastOffset) + 1n).toString();
      await this.consumer.commitOffsets([{ topic, partition, offset: next }]);
      const { handled, duplicates, deadLetters } = outcome;
      hooks?.onCommitted?.({ topic, partition, offset: next, handled, duplicates, deadLettered: deadLetters.length });
      await heartbeat();
    }
  }

  /**
   * Keeps the group membership alive through a long chunk (kafkajs sends the heartbeat only once heartbeatInterval
   * has passed, so calling often is cheap) and tells when the chunk's partition is no longer this consumer's.
   */
  private async keepAlive({ heartbeat, isRunning, isStale }: Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'>): Promise<void> {
    if (!isRunning()) throw new PartitionLostError('the consumer is stopping');
    if (isStale()) throw new PartitionLostError('the partition was seeked elsewhere');
    try {
      await heartbeat();
    } catch (error) {
      throw new PartitionLostError(`heartbeat refused: ${errorMessage(error)}`, { cause: error });
    }
  }

  /**
   * The chunk stops uncommitted, unpaused (the partition may be another member's now). A refused heartbeat goes back
   * to kafkajs, which rejoins the group at once on a rebalance; the next owner starts again from the last commit.
   */
  private stopLostChunk(position: Position, offset: string, error: PartitionLostError): void {
    this.logger.warn({ ...position, offset, reason: { code: error.code, message: error.message } }, 'partition lost during a chunk; stopped uncommitted');
    if (error.cause !== undefined) throw error.cause;
  }

  /**
   * One record per request: each carries its original whole, so several large ones in one record batch could pass
   * the topic's largest message (MAX_MESSAGE_BYTES) together, and the chunk would fail the same way on every retry.
   */
  private async deadLetter(records: DeadLetterRecord[]): Promise<void> {
    for (const record of records) {
      await this.producer.send({ acks: ALL_REPLICAS, topic: this.options.deadLetterTopic, messages: [deadLetterMessage(record)] });
      this.options.hooks?.onDeadLettered?.(record);
    }
  }

  private pauseAfterFailure(position: Position, offset: string, error: unknown, pause: () => () => void): void {
    const resumeInMs = this.options.pauseAfterFailureMs ?? 30_000;
    // Message and code only: a driver error's own fields can carry query parameters (personal data).
    const reason = { code: errorCode(error, 'UNKNOWN'), message: errorMessage(error) };
    this.logger.error({ ...position, offset, resumeInMs, reason }, 'chunk failed; partition paused, offset not committed');
    this.options.hooks?.onPaused?.({ ...position, offset, resumeInMs, error });
    const resume = pause();
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, resumeInMs);
    this.resumeTimers.add(timer);
  }
}
