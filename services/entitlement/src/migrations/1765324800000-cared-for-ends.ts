import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A care allowance held for a person who died (LifeEventRecorded cared_for_died) is kept as a termination of the
 * holder's care decision, with the person cared for: last_day_paid is the date of death. Its item is told apart from
 * another care allowance of the same group held for someone else by cared_for_ref, so that exactly the allowance for
 * the person who died is recovered, and left out by later runs.
 */
export class CaredForEnds1765324800000 implements MigrationInterface {
  name = 'CaredForEnds1765324800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.terminations ADD COLUMN cared_for_ref uuid`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
