import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deceased person's payee, as eligibility sends it with a run's destinations: the month of death, the last month
 * owed to the person. A post-office payment not collected is carried into the person's next payment; into a payment
 * to their funeral payee it carries no later month (sent before the death was known, such a month was never owed).
 * Null for the living, and for destinations received before.
 */
export class LastMonthOwed1766275200000 implements MigrationInterface {
  name = 'LastMonthOwed1766275200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.run_destinations ADD COLUMN last_month_owed text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
