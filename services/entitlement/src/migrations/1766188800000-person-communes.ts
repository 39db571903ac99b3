import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commune of each person's records, per programme (person_communes): what a token limited to communes may read
 * of this service's persons (runs/person-communes.ts). Kept from each verified snapshot (its items carry the commune
 * that pays them) and from a death's funeral support; a later month replaces an earlier one.
 *
 * Filled here from what is still at hand: the staged items of verified runs (dropped once a run completes) and the
 * one-offs that know their commune. Persons priced only by runs completed before this migration have no row until a
 * run prices them again: a token limited to communes does not read them meanwhile (fails closed; any other token
 * reads them as before).
 */
export class PersonCommunes1766188800000 implements MigrationInterface {
  name = 'PersonCommunes1766188800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entitlement.person_communes (
        person_ref   uuid         NOT NULL,
        programme    text         NOT NULL,
        commune_code text         NOT NULL,
        month        character(7) NOT NULL,
        recorded_at  timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (person_ref, programme)
      )`);
    const newerWins = `ON CONFLICT (person_ref, programme) DO UPDATE SET commune_code = EXCLUDED.commune_code, month = EXCLUDED.month, recorded_at = now()
                       WHERE known.month <= EXCLUDED.month`;
    await q.query(`
      INSERT INTO entitlement.person_communes AS known (person_ref, programme, commune_code, month)
      SELECT DISTINCT ON (o.person_ref, o.programme) o.person_ref, o.programme, o.commune_code, o.month
        FROM entitlement.one_offs o WHERE o.commune_code IS NOT NULL
       ORDER BY o.person_ref, o.programme, o.month DESC, o.id DESC
      ${newerWins}`);
    await q.query(`
      INSERT INTO entitlement.person_communes AS known (person_ref, programme, commune_code, month)
      SELECT DISTINCT ON (i.person_ref, i.programme) i.person_ref, i.programme, i.commune_code, r.month
        FROM entitlement.snapshot_items i JOIN entitlement.runs r ON r.run_id = i.run_id AND r.status IN ('CALCULATING', 'COMPLETED')
       ORDER BY i.person_ref, i.programme, r.month DESC, r.created_at DESC, i.commune_code
      ${newerWins}`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
