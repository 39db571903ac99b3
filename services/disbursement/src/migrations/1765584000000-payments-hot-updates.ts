import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A payment row is updated after it is created: queued in a batch, sent, then its outcome. The index on (run_id,
 * status) made every one of these a new row version with an entry in each of the table's four indexes; every query
 * that used it reads a run's payments by run_id and filters the status on the rows. Indexed by run alone, and with
 * room left in each page (fillfactor 70), the status changes after the batch is planned are HOT updates: a new
 * version in the same page and no index entry. Pages written before keep their layout until rewritten.
 */
export class PaymentsHotUpdates1765584000000 implements MigrationInterface {
  name = 'PaymentsHotUpdates1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX payments_run_idx ON disbursement.payments (run_id)`);
    await q.query(`DROP INDEX disbursement.payments_run_status_idx`);
    await q.query(`ALTER TABLE disbursement.payments SET (fillfactor = 70)`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
