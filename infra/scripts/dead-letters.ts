import { parseArgs } from 'node:util';
import { Topics } from '@benefits/contracts';
import { readDeadLetters, replayDeadLetters, selectDeadLetters, type DeadLetterEntry, type DeadLetterFilter } from '@benefits/messaging';
import { baseConfigSchema, createKafka, createLogger, loadConfig } from '@benefits/platform';

const USAGE = `usage: npm run dead-letters -- list [--group G] [--reason CODE] [--topic T] [--partition P]
       npm run dead-letters -- replay (--offset N [--offset M ...] | --group G | --reason CODE | --topic T) [--partition P] [--dry-run]`;

/**
 * The platform's dead letters (platform.dead-letter.v1): `list` shows them, `replay` publishes the original message
 * of each selected one again, on its own topic under its own key, once the cause is fixed (docs/operations.md).
 * Prints where each message came from and why it was parked, never its value (personal data).
 */
async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      offset: { type: 'string', multiple: true },
      partition: { type: 'string' },
      group: { type: 'string' },
      reason: { type: 'string' },
      topic: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
    },
  });
  const [command] = positionals;
  const filter: DeadLetterFilter = {
    offsets: values.offset,
    partition: values.partition === undefined ? undefined : Number(values.partition),
    group: values.group,
    reason: values.reason,
    topic: values.topic,
  };
  // Replaying every dead letter at once is never what an operator means: at least one criterion is asked for.
  const narrowed = values.offset !== undefined || values.group !== undefined || values.reason !== undefined || values.topic !== undefined;
  if ((command !== 'list' && command !== 'replay') || (command === 'replay' && !narrowed) || Number.isNaN(filter.partition)) {
    console.error(USAGE);
    process.exit(2);
  }

  const config = loadConfig(baseConfigSchema.pick({ KAFKA_BROKERS: true, KAFKA_CLIENT_ID: true, LOG_LEVEL: true }), process.env);
  const logger = createLogger('dead-letters', config.LOG_LEVEL);
  const kafka = createKafka({ clientId: config.KAFKA_CLIENT_ID ?? 'dead-letters', brokers: config.KAFKA_BROKERS, logger });
  const entries = await readDeadLetters(kafka, Topics.deadLetter.name);
  const selected = selectDeadLetters(entries, filter);
  if (command === 'list') {
    for (const entry of entries.filter((e) => e.record === null)) console.log(`${entry.partition}:${entry.offset}\tUNREADABLE (not a dead-letter record)`);
    for (const entry of selected) console.log(describe(entry));
    console.log(`${selected.length} of ${entries.length} dead letters`);
    return;
  }
  const missing = (values.offset ?? []).filter((offset) => !selected.some((entry) => entry.offset === offset));
  if (missing.length > 0) throw new Error(`No readable dead letter matching the criteria at offset ${missing.join(', ')}; nothing replayed`);
  for (const entry of selected) console.log(`${values['dry-run'] ? 'would replay' : 'replaying'}\t${describe(entry)}`);
  if (!values['dry-run']) await replayDeadLetters(kafka, selected);
  console.log(values['dry-run'] ? `${selected.length} dead letters would be replayed` : `${selected.length} dead letters replayed`);
}

function describe({ partition, offset, record }: DeadLetterEntry): string {
  if (!record) return `${partition}:${offset}\tUNREADABLE`;
  const { original, reason } = record;
  return [
    `${partition}:${offset}`,
    record.deadLetteredAt,
    record.consumerGroup,
    reason.code,
    `${original.topic}/${original.partition}@${original.offset}`,
    `event ${record.eventId ?? '-'}`,
    reason.message.slice(0, 200),
  ].join('\t');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
