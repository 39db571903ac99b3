import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How the post office paid out each cash or account payment, from its settlement report (báo cáo kết quả chi trả):
 * at the payment point or at home, which point, and the person who received it for the beneficiary (with a written
 * authorisation), if not the beneficiary. Finance checks cash paid at home or to a proxy against the signed list.
 * Null for payments paid before this column, and for banks.
 */
export class CashPayouts1765843200000 implements MigrationInterface {
  name = 'CashPayouts1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.payments ADD COLUMN paid_how text, ADD COLUMN paid_at_point text, ADD COLUMN received_by text`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
