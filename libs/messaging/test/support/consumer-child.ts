import { KafkaBatchConsumer, pgDatabase } from '../../src';
import { Pool } from 'pg';
import pino from 'pino';
import { effectsHandler } from './fixtures';
import { newKafka, PG_CONFIG } from './infra';

interface Args {
  schema: string;
  topic: string;
  groupId: string;
  deadLetterTopic: string;
}

/**
 * Child process of the consumer crash test. It handles the first chunk and commits the database transaction, then
 * SIGKILLs itself before committing the Kafka offset. A short session timeout lets the group forget it quickly.
 */
async function main(): Promise<void> {
  const { schema, topic, groupId, deadLetterTopic } = JSON.parse(process.argv[2]) as Args;
  const consumer = new KafkaBatchConsumer({
    kafka: newKafka(`${groupId}-child`),
    groupId,
    topics: [topic],
    database: pgDatabase(new Pool(PG_CONFIG)),
    inboxSchema: schema,
    handler: effectsHandler(schema, topic),
    deadLetterTopic,
    consumerConfig: { sessionTimeout: 6000, rebalanceTimeout: 6000, heartbeatInterval: 500 },
    logger: pino({ level: 'silent' }),
    hooks: {
      afterDbCommitBeforeOffsetCommit: () => {
        process.kill(process.pid, 'SIGKILL');
        return new Promise<void>(() => undefined);
      },
    },
  });
  await consumer.start();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
