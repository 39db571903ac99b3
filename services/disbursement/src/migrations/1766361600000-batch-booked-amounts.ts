import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A batch-booked bank entry may list its transactions without the amount of each (ISO 20022 makes it optional). Such
 * a line's amount is unknown when it is stored; the import gives it its payment's amount once the entry's amount is
 * what the payments it names add up to, and keeps the entry's amount beside it to check that.
 */
export class BatchBookedAmounts1766361600000 implements MigrationInterface {
  name = 'BatchBookedAmounts1766361600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.statement_lines ALTER COLUMN amount DROP NOT NULL`);
    await q.query(`ALTER TABLE disbursement.statement_lines ADD COLUMN entry_amount bigint`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
