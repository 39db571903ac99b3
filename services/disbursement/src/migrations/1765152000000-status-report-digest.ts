import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sha256 of the last status report (the bank's pain.002, the post office's settlement report) whose outcomes a
 * poll recorded. Partners answer each poll with the whole report of the batch, thousands of payments; the same bytes
 * again hold nothing new, so the next poll need not parse them nor look at every payment of the batch again.
 */
export class StatusReportDigest1765152000000 implements MigrationInterface {
  name = 'StatusReportDigest1765152000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.partner_batches ADD COLUMN status_report_sha256 text`);
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
