import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many times a run's calculation failed (a page, or its completion) on something that trying again does not
 * fix: at CALCULATION_MAX_FAILURES the run is halted, instead of being tried for ever ahead of every later run.
 */
export class CalculationFailures1766016000000 implements MigrationInterface {
  name = 'CalculationFailures1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.runs ADD COLUMN calculation_failures integer NOT NULL DEFAULT 0`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
