import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment a re-send pays again (PaymentOutcomeRecorded.resendOf): once the re-send has an outcome, the rejected or
 * returned original no longer stands for its month, which is then counted paid once (by the re-send), not twice.
 * Outcomes recorded before carry none: disbursement did not report it then.
 */
export class PaymentsResendOf1765929600000 implements MigrationInterface {
  name = 'PaymentsResendOf1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.payments_received ADD COLUMN resend_of text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
