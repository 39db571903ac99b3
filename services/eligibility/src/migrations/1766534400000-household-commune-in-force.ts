import { COMMUNES } from '@benefits/admin-units';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { communeInForceOf } from '../imports/domain/validate-row';
import { todayInVietnam } from '../shared/clock';

/**
 * A household is now keyed on the commune its residence is in on the day it is recorded (validate-row
 * communeInForceOf): a unit merged on 2025-07-01 counts as the commune it went into. Households recorded before
 * under a merged unit's old code move to that commune's key, so that the next file, under either code, finds them:
 *   - no household of that commune has the code: the household takes the new commune's code (nothing else changes);
 *   - one has it (the family sent again under the new code): the old household is merged into it, its members and
 *     its poverty years (as recorded, with their recorded_at) going over, and then deleted.
 * Left as they are, to be settled by the communes: two old units' households with the same code (two families: a
 * household code was unique only within its own unit), and a pair whose poverty statuses disagree on a year (which
 * one holds is not for a migration to guess). A unit split between several communes keeps its code, as in the import.
 * Each step only touches households still under an old code, so running it again changes nothing.
 */
export class HouseholdCommuneInForce1766534400000 implements MigrationInterface {
  name = 'HouseholdCommuneInForce1766534400000';

  async up(q: QueryRunner): Promise<void> {
    const today = todayInVietnam();
    const merged = COMMUNES.filter((commune) => commune.validTo !== undefined)
      .map((commune) => ({ old: commune.code, now: communeInForceOf({ provinceCode: commune.provinceCode, communeCode: commune.code }, today) }))
      .filter((unit) => unit.now !== unit.old);
    await q.query(`CREATE TEMP TABLE household_rekey (id uuid PRIMARY KEY, code text NOT NULL, commune_code text NOT NULL, target uuid, kept boolean NOT NULL DEFAULT false) ON COMMIT DROP`);
    await q.query(
      `INSERT INTO household_rekey (id, code, commune_code, target)
       SELECT h.id, h.code, m.new_code, t.id
         FROM eligibility.household h
         JOIN unnest($1::text[], $2::text[]) AS m(old_code, new_code) ON h.commune_code = m.old_code
         LEFT JOIN eligibility.household t ON t.commune_code = m.new_code AND t.code = h.code`,
      [merged.map((unit) => unit.old), merged.map((unit) => unit.now)],
    );
    await q.query(`
      UPDATE household_rekey k SET kept = true
       WHERE EXISTS (SELECT 1 FROM household_rekey o WHERE o.commune_code = k.commune_code AND o.code = k.code AND o.id <> k.id)
          OR EXISTS (SELECT 1 FROM eligibility.household_poverty s JOIN eligibility.household_poverty t ON t.year = s.year AND t.status <> s.status
                      WHERE s.household_id = k.id AND t.household_id = k.target)`);
    await q.query(`UPDATE eligibility.household h SET commune_code = k.commune_code FROM household_rekey k WHERE h.id = k.id AND k.target IS NULL AND NOT k.kept`);
    await q.query(`
      INSERT INTO eligibility.household_poverty (household_id, year, status, recorded_at)
      SELECT k.target, s.year, s.status, s.recorded_at FROM household_rekey k JOIN eligibility.household_poverty s ON s.household_id = k.id
       WHERE k.target IS NOT NULL AND NOT k.kept
      ON CONFLICT (household_id, year) DO NOTHING`);
    await q.query(`UPDATE eligibility.person p SET household_id = k.target, updated_at = now() FROM household_rekey k WHERE p.household_id = k.id AND k.target IS NOT NULL AND NOT k.kept`);
    await q.query(`DELETE FROM eligibility.household h USING household_rekey k WHERE h.id = k.id AND k.target IS NOT NULL AND NOT k.kept`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
