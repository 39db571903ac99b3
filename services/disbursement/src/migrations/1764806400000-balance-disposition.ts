import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the post office did with the money of a payment it did not pay out, as its settlement report says:
 * returned to the department, or kept to pay again next month. The post-office report and the funding request
 * (money kept is not transferred again) need it; until now only the amount carried over was stored.
 */
export class BalanceDisposition1764806400000 implements MigrationInterface {
  name = 'BalanceDisposition1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.payments ADD COLUMN balance_disposition text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
