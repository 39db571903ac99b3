import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A re-send is refused while an exception on its payment is open: found by the payment. */
export class ReconExceptionsByPayment1766102400000 implements MigrationInterface {
  name = 'ReconExceptionsByPayment1766102400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX recon_exceptions_payment_idx ON disbursement.recon_exceptions (payment_id)');
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
