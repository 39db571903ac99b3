import { OutboxRelay, pgDatabase } from '../../src';
import { Pool } from 'pg';
import pino from 'pino';
import { newKafka, PG_CONFIG } from './infra';

/**
 * Child process of the relay crash test. It publishes the first batch of the outbox, and once Kafka has acknowledged
 * it, SIGKILLs itself before the rows are marked published: no finally block, no graceful anything.
 */
async function main(): Promise<void> {
  const { schema } = JSON.parse(process.argv[2]) as { schema: string };
  const relay = new OutboxRelay({
    kafka: newKafka(`${schema}-relay-child`),
    database: pgDatabase(new Pool(PG_CONFIG)),
    schema,
    pollIntervalMs: 50,
    logger: pino({ level: 'silent' }),
    hooks: {
      afterPublishBeforeMark: () => {
        process.kill(process.pid, 'SIGKILL');
        return new Promise<void>(() => undefined);
      },
    },
  });
  await relay.start();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
