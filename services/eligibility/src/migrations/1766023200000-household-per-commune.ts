import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A household code is a commune's own: two communes may both number a household "HGD-001". Keyed on the code alone,
 * a second commune's household was joined to the first one's, and took its poverty status. Households are now keyed
 * on (commune, code); an existing household takes the commune of the residence its earliest member was recorded
 * with. Households already shared by persons of two communes stay as they are (nothing tells them apart); a new
 * import puts each commune's persons in a household of its own.
 */
export class HouseholdPerCommune1766023200000 implements MigrationInterface {
  name = 'HouseholdPerCommune1766023200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE eligibility.household ADD COLUMN commune_code text`);
    await q.query(`
      UPDATE eligibility.household h SET commune_code = first.commune_code
        FROM (SELECT DISTINCT ON (p.household_id) p.household_id, r.commune_code
                FROM eligibility.person p JOIN eligibility.residence r ON r.person_id = p.id
               WHERE p.household_id IS NOT NULL
               ORDER BY p.household_id, p.created_at, r.valid_from) first
       WHERE first.household_id = h.id AND h.code NOT LIKE 'person:%'`);
    await q.query(`ALTER TABLE eligibility.household DROP CONSTRAINT household_code_key`);
    await q.query(`CREATE UNIQUE INDEX household_commune_code_key ON eligibility.household (commune_code, code)`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
