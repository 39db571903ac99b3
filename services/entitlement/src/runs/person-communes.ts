import type { EntityManager } from 'typeorm';

/**
 * Which commune a person's records of a programme belong to, for the reads of a token limited to communes
 * (docs/security.md, `readableCommunes`): the commune that pays them, as the latest snapshot that held them said
 * (each item carries it), or where they died for a funeral support. A later month replaces an earlier one: as in the
 * register, where a person's file is read by the commune holding it today, a person who moved is read by their new
 * commune, past runs included, and no longer by the old one. A person with no row (priced only before the table
 * existed) is read by no token limited to communes.
 */

/**
 * Another commune as of a later month (or the same one again) replaces what is recorded; an earlier one changes
 * nothing; the same commune again touches nothing: `month` is the month from which the commune is recorded. Updated on
 * every run, each monthly snapshot rewrote every row of the table (a million at a national scale: a million dead
 * tuples and their WAL per run) to say what it already said.
 */
const NEWER_WINS = `ON CONFLICT (person_ref, programme) DO UPDATE SET commune_code = EXCLUDED.commune_code, month = EXCLUDED.month, recorded_at = now()
                    WHERE known.month <= EXCLUDED.month AND known.commune_code <> EXCLUDED.commune_code`;

/** The communes of a verified snapshot's persons, from its staged items: one statement, whatever the run's size. */
export async function recordSnapshotCommunes(tx: EntityManager, runId: string, month: string): Promise<void> {
  await tx.query(
    `INSERT INTO entitlement.person_communes AS known (person_ref, programme, commune_code, month)
     SELECT DISTINCT ON (person_ref, programme) person_ref, programme, commune_code, $2::text FROM entitlement.snapshot_items
      WHERE run_id = $1 ORDER BY person_ref, programme, commune_code
     ${NEWER_WINS}`,
    [runId, month],
  );
}

/** One person's commune in one programme, as of `month` (a death's funeral support: where they lived when they died). */
export async function recordCommune(tx: EntityManager, record: { personRef: string; programme: string; communeCode: string; month: string }): Promise<void> {
  await tx.query(
    `INSERT INTO entitlement.person_communes AS known (person_ref, programme, commune_code, month) VALUES ($1, $2, $3, $4) ${NEWER_WINS}`,
    [record.personRef, record.programme, record.communeCode, record.month],
  );
}

/**
 * THE rule of every person-level read of this service: the record of `person` in `programme` (SQL expressions) is of
 * a programme in `programmes` and, unless `communes` is NULL (every commune), of a commune in `communes` (both text[]
 * parameters, e.g. '$4'; `readableProgrammes` and `readableCommunes` of the user).
 */
export function readableRecord(person: string, programme: string, programmes: string, communes: string): string {
  return `(${programme} = ANY(${programmes}::text[]) AND (${communes}::text[] IS NULL OR EXISTS (
            SELECT 1 FROM entitlement.person_communes pc
             WHERE pc.person_ref = ${person} AND pc.programme = ${programme} AND pc.commune_code = ANY(${communes}::text[]))))`;
}
