import { ALL_TOPICS, MAX_MESSAGE_BYTES } from '@benefits/contracts';
import { createLogger } from '@benefits/platform';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';

/**
 * Creates the platform's topics with their partition counts (automatic topic creation is off on the broker) and
 * their largest message (MAX_MESSAGE_BYTES, whatever the broker's default). Idempotent: existing topics are kept;
 * one with fewer partitions than declared gets more (never fewer); the message size is set on every one.
 */
const maxMessageBytes = { name: 'max.message.bytes', value: String(MAX_MESSAGE_BYTES) };

async function main() {
  const logger = createLogger('create-topics');
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const admin = new Kafka({ clientId: 'create-topics', brokers, logLevel: logLevel.ERROR }).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = ALL_TOPICS.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor: 1, configEntries: [maxMessageBytes] })),
      });
    }
    await admin.alterConfigs({
      validateOnly: false,
      resources: ALL_TOPICS.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name, configEntries: [maxMessageBytes] })),
    });
    const metadata = await admin.fetchTopicMetadata({ topics: ALL_TOPICS.map((t) => t.name) });
    for (const topic of ALL_TOPICS) {
      const have = metadata.topics.find((t) => t.name === topic.name)?.partitions.length ?? 0;
      if (have < topic.partitions) await admin.createPartitions({ topicPartitions: [{ topic: topic.name, count: topic.partitions }] });
      logger.info({ topic: topic.name, partitions: Math.max(have, topic.partitions) }, missing.includes(topic) ? 'created' : 'exists');
    }
  } finally {
    await admin.disconnect();
  }
}

main().catch((error: unknown) => {
  console.error('Could not create the Kafka topics:', error);
  process.exit(1);
});
