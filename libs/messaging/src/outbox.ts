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
    // One multi-row insert per chunk (arrays unnested server-side). The pg_notify rides in the same statement and
    // PostgreSQL only delivers it at COMMIT, so a rolled-back transaction wakes nobody.
    this.insertSql = `
      WITH inserted AS (
        INSERT INTO ${s}.outbox (event_id, topic, key, envelope, headers)
        SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[], $5::jsonb[])
      )
      SELECT pg_notify($6, '')`;
  }

  /**
   * `sql` must be the connection of the transaction that writes the state (an EntityManager, QueryRunner or pg
   * client). Write the state first, then add its events: the state write locks the entity, so a later transaction on
   * the same entity gets higher outbox ids and the relay, which publishes in id order, keeps that entity's events in order.
   */
  async add(sql: Sql, events: readonly OutboxEvent[]): Promise<void> {
    for (let start = 0; start < events.length; start += this.rowsPerStatement) {
      const chunk = events.slice(start, start + this.rowsPerStatement);
      await sql.query(this.insertSql, [
        chunk.map((event) => event.envelope.eventId),
        chunk.map((event) => event.topic),
        chunk.map((event) => event.key),
        chunk.map((event) => JSON.stringify(event.envelope)),
        chunk.map((event) => JSON.stringify(event.headers ?? {})),
        this.channel,
      ]);
    }
  }
}
