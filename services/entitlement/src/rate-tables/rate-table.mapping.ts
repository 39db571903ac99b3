import { dong } from '@benefits/money';
import type { RateRow, TableName, TableVersion } from '../domain';

/** A rate row as stored in `rate_table_versions.rows` (jsonb): amounts as strings of whole đồng. */
export interface StoredRow {
  readonly key: string;
  readonly amount?: string;
  readonly coefficient?: string;
  readonly from?: string;
  readonly to?: string;
  readonly source?: string;
  readonly note?: string;
}

export type Decision = 'approved' | 'rejected';

/** One row of rate_table_versions with its decision, if any (as read by the repository). */
export interface VersionRecord {
  readonly id: string;
  readonly table_name: string;
  readonly scope: string | null;
  readonly effective_from: string;
  readonly effective_to: string | null;
  readonly instrument: string;
  readonly confidence: string;
  readonly standard_level: string | null;
  readonly rows: StoredRow[];
  readonly proposed_by: string;
  readonly proposed_at: Date;
  readonly decision: Decision | null;
  readonly decided_by: string | null;
  readonly decided_at: Date | null;
  readonly reason: string | null;
}

export function toStoredRows(rows: readonly RateRow[]): StoredRow[] {
  return rows.map((row) => ({
    key: row.key,
    ...(row.amount !== undefined && { amount: row.amount.toString() }),
    ...(row.coefficient !== undefined && { coefficient: row.coefficient }),
    ...(row.from !== undefined && { from: row.from }),
    ...(row.to !== undefined && { to: row.to }),
    ...(row.source !== undefined && { source: row.source }),
    ...(row.note !== undefined && { note: row.note }),
  }));
}

export function fromStoredRows(rows: readonly StoredRow[]): RateRow[] {
  return rows.map((row) => ({
    key: row.key,
    ...(row.amount !== undefined && { amount: dong(row.amount) }),
    ...(row.coefficient !== undefined && { coefficient: row.coefficient }),
    ...(row.from !== undefined && { from: row.from }),
    ...(row.to !== undefined && { to: row.to }),
    ...(row.source !== undefined && { source: row.source }),
    ...(row.note !== undefined && { note: row.note }),
  }));
}

/**
 * The domain's version from a stored one. `enteredAt` is when the version entered the book: the approval time
 * (for the seed: the date its figures became known). It orders versions and lets the book be seen as of a date.
 */
export function toTableVersion(record: VersionRecord, enteredAt: Date | string): TableVersion {
  return {
    id: record.id,
    table: record.table_name as TableName,
    ...(record.scope !== null && { scope: record.scope }),
    effectiveFrom: record.effective_from,
    ...(record.effective_to !== null && { effectiveTo: record.effective_to }),
    enteredAt: typeof enteredAt === 'string' ? enteredAt : enteredAt.toISOString(),
    instrument: record.instrument,
    confidence: record.confidence,
    ...(record.standard_level !== null && { standardLevel: dong(record.standard_level) }),
    rows: fromStoredRows(record.rows),
  };
}

/** The state of a version: proposed until a second person approves or rejects it. */
export function statusOf(record: Pick<VersionRecord, 'decision'>): 'proposed' | Decision {
  return record.decision ?? 'proposed';
}
