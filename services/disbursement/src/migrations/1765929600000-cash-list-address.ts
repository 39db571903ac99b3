import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hamlet or street address of a payee paid in cash at a post-office point, as eligibility sends it with a run's
 * destinations: the payment list of a commune cash point (danh sách chi trả) prints it on every line. Null for banks,
 * post-office accounts, and payees the register has no address for.
 */
export class CashListAddress1765929600000 implements MigrationInterface {
  name = 'CashListAddress1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disbursement.run_destinations ADD COLUMN address text;
      ALTER TABLE disbursement.payments ADD COLUMN address text;
    `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
