import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What entitlement declared it could not pay in a run (EntitlementCompleted.notPaid: persons per programme and
 * reason), shown on the preview beside what is paid. Runs completed before carry none.
 */
export class DeclaredNotPaid1766188800000 implements MigrationInterface {
  name = 'DeclaredNotPaid1766188800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.runs ADD COLUMN declared_not_paid jsonb`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
