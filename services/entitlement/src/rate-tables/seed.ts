import { SEED_TABLE_VERSIONS } from '../data';
import type { TableVersion } from '../domain';
import { toStoredRows } from './rate-table.mapping';

interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

export const SEED_ACTOR = 'seed';

/** A seed date "YYYY-MM-DD" is midnight UTC, whatever the database session's time zone. */
const instant = (enteredAt: string): string => (/^\d{4}-\d{2}-\d{2}$/.test(enteredAt) ? `${enteredAt}T00:00:00Z` : enteredAt);

/**
 * Enters the seed tables (src/data) as approved versions, each approved at the date its figures became known.
 * Idempotent: a version already present is left alone (history is never edited), so it runs from the migration
 * and again at every `migrate` to add seed versions shipped later. Returns the versions it entered now.
 */
export async function seedRateTables(sql: Sql): Promise<TableVersion[]> {
  const versions = SEED_TABLE_VERSIONS;
  const entered = (await sql.query(
    `INSERT INTO entitlement.rate_table_versions
       (id, table_name, scope, effective_from, effective_to, instrument, confidence, standard_level, rows, proposed_by, proposed_at)
     SELECT v.id, v.table_name, v.scope, v.effective_from, v.effective_to, v.instrument, v.confidence, v.standard_level, v.rows, $10, v.entered_at
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bigint[], $9::jsonb[], $11::timestamptz[])
         AS v(id, table_name, scope, effective_from, effective_to, instrument, confidence, standard_level, rows, entered_at)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      versions.map((v) => v.id),
      versions.map((v) => v.table),
      versions.map((v) => v.scope ?? null),
      versions.map((v) => v.effectiveFrom),
      versions.map((v) => v.effectiveTo ?? null),
      versions.map((v) => v.instrument),
      versions.map((v) => v.confidence),
      versions.map((v) => v.standardLevel?.toString() ?? null),
      versions.map((v) => JSON.stringify(toStoredRows(v.rows))),
      SEED_ACTOR,
      versions.map((v) => instant(v.enteredAt)),
    ],
  )) as { id: string }[];
  await sql.query(
    `INSERT INTO entitlement.rate_table_decisions (version_id, decision, decided_by, decided_at, reason)
     SELECT v.id, 'approved', $2, v.entered_at, 'seed table shipped with the service'
       FROM unnest($1::text[], $3::timestamptz[]) AS v(id, entered_at)
     ON CONFLICT (version_id) DO NOTHING`,
    [versions.map((v) => v.id), SEED_ACTOR, versions.map((v) => instant(v.enteredAt))],
  );
  const ids = new Set(entered.map((row) => row.id));
  return versions.filter((v) => ids.has(v.id));
}
