import { checkedSchema, rowsOf, type Sql } from './sql';

/** One message about to be handled: its event id, the sha256 of its canonical payload and where it came from. */
export interface InboxEntry {
  readonly eventId: string;
  readonly payloadHash: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export interface InboxClaim<E extends InboxEntry> {
  /** Never seen: now recorded, to be handled in this same transaction. */
  readonly fresh: E[];
  /** Seen before with the same payload: a redelivery, to be skipped. */
  readonly duplicates: E[];
  /** Seen before with another payload: must not be applied. */
  readonly conflicts: E[];
}

/**
 * `<schema>.inbox`: the ids of handled events. Claims are made inside the handler's transaction, so an event is
 * recorded exactly when its effects commit; a redelivery then finds it and is skipped.
 */
export class Inbox {
  private readonly insertSql: string;
  private readonly lookupSql: string;

  constructor(schema: string) {
    const s = checkedSchema(schema);
    this.insertSql = `
      INSERT INTO ${s}.inbox (event_id, payload_hash, topic, partition, "offset")
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::bigint[])
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id::text`;
    this.lookupSql = `SELECT event_id::text, payload_hash FROM ${s}.inbox WHERE event_id = ANY($1::uuid[])`;
  }

  /**
   * Records the entries (ids must be distinct) in one multi-row insert; only entries already present cost a second
   * query. A concurrent claim of the same id waits on the row lock and then sees the winner's row.
   */
  async claim<E extends InboxEntry>(tx: Sql, entries: readonly E[]): Promise<InboxClaim<E>> {
    const claim: InboxClaim<E> = { fresh: [], duplicates: [], conflicts: [] };
    if (entries.length === 0) return claim;
    const inserted = rowsOf<{ event_id: string }>(
      await tx.query(this.insertSql, [
        entries.map((entry) => entry.eventId),
        entries.map((entry) => entry.payloadHash),
        entries.map((entry) => entry.topic),
        entries.map((entry) => entry.partition),
        entries.map((entry) => entry.offset),
      ]),
    );
    const freshIds = new Set(inserted.map((row) => row.event_id));
    const seen = entries.filter((entry) => !freshIds.has(entry.eventId.toLowerCase()));
    const known = seen.length
      ? rowsOf<{ event_id: string; payload_hash: string }>(await tx.query(this.lookupSql, [seen.map((entry) => entry.eventId)]))
      : [];
    const knownHash = new Map(known.map((row) => [row.event_id, row.payload_hash]));
    for (const entry of entries) {
      const id = entry.eventId.toLowerCase();
      if (freshIds.has(id)) claim.fresh.push(entry);
      else if (knownHash.get(id) === entry.payloadHash) claim.duplicates.push(entry);
      else claim.conflicts.push(entry);
    }
    return claim;
  }
}
