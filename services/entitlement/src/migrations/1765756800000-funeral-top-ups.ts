import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funeral support topped up after a backdated rate table (one_offs.tops_up): funeral support is a multiple of the
 * standard level of the month of death, computed when the death is reported; a table entered later for that month
 * (Decree 335/2026 from July 2026, entered in October) owes the difference, recorded as a one-off of the same kind
 * that tops up the first and is paid with the next run. One funeral support per person and kind stays the rule for
 * the first (a partial unique index now).
 */
export class FuneralTopUps1765756800000 implements MigrationInterface {
  name = 'FuneralTopUps1765756800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.one_offs ADD COLUMN tops_up bigint`);
    await q.query(`ALTER TABLE entitlement.one_offs DROP CONSTRAINT one_offs_person_kind_uq`);
    await q.query(`CREATE UNIQUE INDEX one_offs_person_kind_uq ON entitlement.one_offs (person_ref, kind) WHERE tops_up IS NULL`);
    await q.query(`CREATE INDEX one_offs_tops_up_idx ON entitlement.one_offs (tops_up) WHERE tops_up IS NOT NULL`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
