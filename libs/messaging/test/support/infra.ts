import { randomBytes } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Admin, type KafkaMessage, type Message, type Producer } from 'kafkajs';
import { Pool, type PoolConfig } from 'pg';
import { outboxEnvelopeAsTextMigrationSql, outboxInboxMigrationSql } from '../../src';

/** The real infrastructure of this machine (see the workspace README); nothing here is mocked. */
export const PG_CONFIG: PoolConfig = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres', max: 8 };
export const BROKERS = ['127.0.0.1:9092'];

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

export function newKafka(clientId: string): Kafka {
  // Quiet: kafkajs logs coordinator-loading retries at first connect, which are normal.
  return new Kafka({ clientId, brokers: BROKERS, logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100 } });
}

export async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * One test's private world: a fresh schema with the real outbox/inbox migration plus an `effects` table (no unique
 * key on purpose: a second application of an event would show up as a second row), and its own Kafka topics.
 */
export class TestWorld {
  readonly topics: string[] = [];
  readonly groups: string[] = [];
  private producer: Producer | undefined;

  private constructor(
    readonly schema: string,
    readonly pool: Pool,
    readonly kafka: Kafka,
    readonly admin: Admin,
  ) {}

  static async create(prefix: string): Promise<TestWorld> {
    const schema = uniqueName(`msg_${prefix}`);
    const pool = new Pool(PG_CONFIG);
    await pool.query(outboxInboxMigrationSql(schema));
    await pool.query(outboxEnvelopeAsTextMigrationSql(schema));
    await pool.query(`CREATE TABLE ${schema}.effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL, beneficiary_id text NOT NULL, amount bigint NOT NULL)`);
    const kafka = newKafka(schema);
    const admin = kafka.admin();
    await admin.connect();
    return new TestWorld(schema, pool, kafka, admin);
  }

  /** Creates a topic with a unique name (auto-creation is off on the broker). */
  async topic(label: string, numPartitions = 1): Promise<string> {
    const topic = uniqueName(`${this.schema}.${label}`).replace(/_/g, '-');
    await this.admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
    this.topics.push(topic);
    return topic;
  }

  groupId(label: string): string {
    const groupId = uniqueName(`${this.schema}-${label}`);
    this.groups.push(groupId);
    return groupId;
  }

  /** Produces raw messages as another service (or a broken one) would. */
  async send(topic: string, messages: Message[]): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({ topic, messages, acks: -1 });
  }

  /** Messages in a topic (sum of high watermarks; topics here are written only by the test). */
  async messageCount(topic: string): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high }) => sum + Number(high), 0);
  }

  /** The group's committed offset on partition 0, or -1 when it has committed nothing. */
  async committedOffset(groupId: string, topic: string): Promise<number> {
    const [entry] = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    return Number(entry.partitions.find((p) => p.partition === 0)?.offset ?? -1);
  }

  async effects(): Promise<{ event_id: string; beneficiary_id: string; amount: string }[]> {
    return (await this.pool.query(`SELECT event_id, beneficiary_id, amount FROM ${this.schema}.effects ORDER BY id`)).rows;
  }

  async unpublishedCount(): Promise<number> {
    return Number((await this.pool.query(`SELECT count(*) FROM ${this.schema}.outbox WHERE published_at IS NULL`)).rows[0].count);
  }

  /** Reads `count` messages from the start of a topic with a throwaway consumer group. */
  async readTopic(topic: string, count: number): Promise<KafkaMessage[]> {
    // A short long-poll: disconnect waits for the fetch in flight.
    const consumer = this.kafka.consumer({ groupId: this.groupId('reader'), allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    const messages: KafkaMessage[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void messages.push(message) });
      await waitFor(async () => messages.length >= count, `${count} messages on ${topic}`);
      return messages;
    } finally {
      await consumer.disconnect();
    }
  }

  async dispose(): Promise<void> {
    await this.producer?.disconnect();
    await this.admin.deleteGroups(this.groups).catch(() => undefined);
    await this.admin.deleteTopics({ topics: this.topics }).catch(() => undefined);
    await this.admin.disconnect();
    await this.pool.query(`DROP SCHEMA ${this.schema} CASCADE`);
    await this.pool.end();
  }
}
