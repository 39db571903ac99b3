import type { Envelope } from '@benefits/contracts';
import { outboxChannel } from './migration';
import { checkedSchema, type Sql } from './sql';

/** What `createEvent(definition, payload, ctx)` returns, plus optional extra Kafka headers. */
export interface OutboxEvent {
  readonly topic: string;
  readonly key: string;
  readonly envelope: Envelope;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Rows per INSERT: a few thousand keeps each statement's parameters in the low megabytes. */
const DEFAULT_ROWS_PER_STATEMENT = 5000;
/** Envelope characters per INSERT: they travel as one text parameter, which PostgreSQL caps at 1 GB. */
const MAX_ENVELOPE_CHARS_PER_STATEMENT = 64 * 1024 * 1024;
/**
 * Between two envelopes of that parameter: the ASCII record separator, which JSON.stringify never writes as such (it
 * escapes every control character inside a string, and writes none outside one).
 */
const SEPARATOR = '\x1e';

/**
 * Writes events into `<schema>.outbox` inside the caller's transaction, so they exist if and only if the state
 * change that caused them commits. The relay publishes them afterwards.
 */
export class Outbox {
  private readonly insertSql: string;
  private readonly channel: string;

  constructor(
    schema: string,
    private readonly rowsPerStatement = DEFAULT_ROWS_PER_STATEMENT,
  ) {
    const s = checkedSchema(schema);
    this.channel = outboxChannel(s);
    // One multi-row insert per chunk (arrays unnested server-side, in step). The envelopes go as one text, split on
    // SEPARATOR, not as a text[]: the driver would escape every quote of every envelope for the array literal, which
    // costs more than the rest of the insert for large events. The pg_notify rides in the same statement and
    // PostgreSQL only delivers it at COMMIT, so a rolled-back transaction wakes nobody.
    this.insertSql = `
      WITH inserted AS (
        INSERT INTO ${s}.outbox (event_id, topic, key, type, correlation_id, envelope, headers)
        SELECT * FROM ROWS FROM (
          unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::text[]),
          string_to_table($6, E'\\x1e'), unnest($7::jsonb[]))
      )
      SELECT pg_notify($8, '')`;
  }

  /**
   * `sql` must be the connection of the transaction that writes the state (an EntityManager, QueryRunner or pg
   * client). Write the state first, then add its events: the state write locks the entity, so a later transaction on
   * the same entity gets higher outbox ids and the relay, which publishes in id order, keeps that entity's events in order.
   */
  async add(sql: Sql, events: readonly OutboxEvent[]): Promise<void> {
    let chunk: OutboxEvent[] = [];
    let envelopes: string[] = [];
    let chars = 0;
    const flush = async () => {
      await sql.query(this.insertSql, [
        chunk.map((event) => event.envelope.eventId),
        chunk.map((event) => event.topic),
        chunk.map((event) => event.key),
        chunk.map((event) => event.envelope.type),
        chunk.map((event) => event.envelope.correlationId),
        envelopes.join(SEPARATOR),
        chunk.map((event) => JSON.stringify(event.headers ?? {})),
        this.channel,
      ]);
      chunk = [];
      envelopes = [];
      chars = 0;
    };
    for (const event of events) {
      const envelope = JSON.stringify(event.envelope);
      if (chunk.length > 0 && (chunk.length === this.rowsPerStatement || chars + envelope.length > MAX_ENVELOPE_CHARS_PER_STATEMENT)) await flush();
      chunk.push(event);
      envelopes.push(envelope);
      chars += envelope.length;
    }
    if (chunk.length > 0) await flush();
  }
}
