import type { Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { Client, type ClientConfig } from 'pg';
import { errorCode, errorMessage } from './errors';
import { defaultLogger, type MessagingLogger } from './logger';
import { outboxChannel } from './migration';
import { ALL_REPLICAS, createReliableProducer } from './producer';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy } from './retry';
import { checkedSchema, rowsOf, type Database } from './sql';
import { Wakeup } from './wakeup';

export interface RelayHooks {
  /** After each batch is published and marked: how many rows, and how old the oldest of them was. */
  onPublished?(info: { count: number; lagMs: number }): void;
  /** Test seam: runs after Kafka acknowledged a batch and before its rows are marked published. */
  afterPublishBeforeMark?(info: { eventIds: readonly string[] }): void | Promise<void>;
}

export interface OutboxRelayOptions {
  readonly kafka: Kafka;
  /** Where the relay opens its own transactions (pgDatabase(pool) or typeormDatabase(dataSource)). */
  readonly database: Database;
  readonly schema: string;
  /** Rows per poll; default 1000. */
  readonly batchSize?: number;
  /**
   * Envelope bytes per poll (as stored; a batch ends with the row that reaches it, so the first row always goes);
   * default 16 MiB. A snapshot chunk is a third of a megabyte: after Kafka was away for a while, a thousand of them
   * read at once would take the process past its memory.
   */
  readonly maxBatchBytes?: number;
  /** Wait when the outbox is drained; default 1000 ms. notify() or a NOTIFY from a commit cuts it short. */
  readonly pollIntervalMs?: number;
  /** Upper bound of one produce request; stays below the broker's message.max.bytes (1 MiB by default). */
  readonly maxRequestBytes?: number;
  /** If set, a dedicated connection LISTENs for outbox commits, so events go out within milliseconds. */
  readonly listen?: ClientConfig;
  /** Backoff after a failed batch (the relay never gives up; maxAttempts is ignored). */
  readonly retry?: Partial<RetryPolicy>;
  readonly logger?: MessagingLogger;
  readonly hooks?: RelayHooks;
}

interface OutboxRow {
  id: string;
  event_id: string;
  topic: string;
  key: string;
  envelope: string;
  type: string;
  correlation_id: string;
  headers: Record<string, string>;
  created_at: Date;
}

/**
 * Publishes `<schema>.outbox` to Kafka at least once and in id order. A transaction-scoped advisory lock makes the
 * relays of one schema take turns batch by batch: with SKIP LOCKED alone two relays would publish disjoint batches
 * side by side and one key's events could overtake each other. If the process dies between publishing and marking,
 * the rows are published again by the next relay; consumers dedupe through their inbox.
 */
export class OutboxRelay {
  private readonly producer: Producer;
  private readonly logger: MessagingLogger;
  private readonly policy: RetryPolicy;
  private readonly batchSize: number;
  private readonly maxBatchBytes: number;
  private readonly selectSql: string;
  private readonly markSql: string;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private readonly wakeup = new Wakeup();
  private listener: Client | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    const s = checkedSchema(options.schema);
    this.producer = createReliableProducer(options.kafka);
    this.logger = options.logger ?? defaultLogger('outbox-relay');
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.batchSize = options.batchSize ?? 1000;
    this.maxBatchBytes = options.maxBatchBytes ?? 16 * 1024 * 1024;
    // octet_length reads a stored text's size from its header: the rows past the cut are never decompressed.
    this.selectSql = `
      SELECT id, event_id, topic, key, envelope, type, correlation_id, headers, created_at
        FROM (SELECT o.*, sum(octet_length(o.envelope)) OVER (ORDER BY o.id) - octet_length(o.envelope) AS bytes_before
                FROM (SELECT * FROM ${s}.outbox WHERE published_at IS NULL ORDER BY id LIMIT $1) o) b
       WHERE bytes_before < $2 ORDER BY id`;
    this.markSql = `UPDATE ${s}.outbox SET published_at = now() WHERE id = ANY($1::bigint[])`;
  }

  async start(): Promise<void> {
    if (this.running) return;
    await this.producer.connect();
    this.running = true;
    this.loopDone = this.loop();
  }

  /** Finishes the batch in hand, then disconnects. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.notify();
    await this.loopDone;
    await this.listener?.end().catch(() => undefined);
    this.listener = undefined;
    await this.producer.disconnect();
  }

  /** Publish now rather than at the next poll (e.g. right after a transaction that wrote events commits). */
  notify(): void {
    this.wakeup.notify();
  }

  /** Publishes one batch; returns its size (0 when the outbox is empty or another relay of the schema has the turn). */
  async publishBatch(): Promise<number> {
    const rows = await this.options.database.transaction(async (tx) => {
      const [turn] = rowsOf<{ locked: boolean }>(
        await tx.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked', [`outbox-relay:${this.options.schema}`]),
      );
      if (!turn?.locked) return [];
      const batch = rowsOf<OutboxRow>(await tx.query(this.selectSql, [this.batchSize, this.maxBatchBytes]));
      if (batch.length === 0) return batch;
      for (const topicMessages of this.requests(batch)) {
        await this.producer.sendBatch({ acks: ALL_REPLICAS, topicMessages });
      }
      await this.options.hooks?.afterPublishBeforeMark?.({ eventIds: batch.map((row) => row.event_id) });
      await tx.query(this.markSql, [batch.map((row) => row.id)]);
      return batch;
    });
    if (rows.length > 0) this.options.hooks?.onPublished?.({ count: rows.length, lagMs: Date.now() - rows[0].created_at.getTime() });
    return rows.length;
  }

  onApplicationBootstrap(): Promise<void> {
    return this.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        await this.listen();
        const published = await this.publishBatch();
        failures = 0;
        // A batch cut short by maxBatchBytes leaves rows behind: only an empty one means the outbox is drained.
        if (published === 0) await this.idle(this.options.pollIntervalMs ?? 1000);
      } catch (error) {
        failures++;
        const delayMs = backoffDelay(failures, this.policy);
        const reason = { code: errorCode(error, 'UNKNOWN'), message: errorMessage(error) };
        this.logger.error({ schema: this.options.schema, failures, delayMs, reason }, 'outbox relay batch failed; backing off');
        await this.idle(delayMs);
      }
    }
  }

  /** Splits a batch into produce requests under maxRequestBytes, keeping id order (they are sent one after another). */
  private *requests(rows: readonly OutboxRow[]): Generator<TopicMessages[]> {
    const limit = this.options.maxRequestBytes ?? 900_000;
    let byTopic = new Map<string, Message[]>();
    let bytes = 0;
    for (const row of rows) {
      const size = Buffer.byteLength(row.envelope) + Buffer.byteLength(row.key) + 256;
      if (bytes > 0 && bytes + size > limit) {
        yield [...byTopic].map(([topic, messages]) => ({ topic, messages }));
        byTopic = new Map();
        bytes = 0;
      }
      const headers = { ...row.headers, 'event-id': row.event_id, 'event-type': row.type, 'correlation-id': row.correlation_id };
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.key, value: row.envelope, headers });
      byTopic.set(row.topic, messages);
      bytes += size;
    }
    if (bytes > 0) yield [...byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  /** Sleeps until the timeout, a notify() or stop(). */
  private idle(ms: number): Promise<void> {
    return this.wakeup.pause(ms, this.running);
  }

  /** (Re)opens the LISTEN connection; on failure the relay simply keeps polling and tries again next round. */
  private async listen(): Promise<void> {
    if (!this.options.listen || this.listener) return;
    const client = new Client(this.options.listen);
    client.on('notification', () => this.notify());
    client.on('error', (error) => {
      this.logger.warn({ error: errorMessage(error), schema: this.options.schema }, 'outbox LISTEN connection lost; polling until it is back');
      if (this.listener === client) this.listener = undefined;
      client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${outboxChannel(this.options.schema)}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn({ error: errorMessage(error), schema: this.options.schema }, 'outbox LISTEN unavailable; polling');
      await client.end().catch(() => undefined);
    }
  }
}
