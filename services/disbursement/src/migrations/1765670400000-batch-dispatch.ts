import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When a batch's send job was put on its queue (partner_batches.dispatched_at). A batch is planned in a transaction
 * and its job added after the commit (a run's flow at release, a re-send's batch at its approval): a process that
 * dies in between, or a Redis that refuses the job, leaves a planned batch nothing will send. The recovery sweep
 * (execution/recovery.ts) puts such batches on their queue. Batches planned before this column are taken as
 * dispatched if their run's flow was, or if they are past PLANNED.
 */
export class BatchDispatch1765670400000 implements MigrationInterface {
  name = 'BatchDispatch1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE disbursement.partner_batches ADD COLUMN dispatched_at timestamptz`);
    await q.query(
      `UPDATE disbursement.partner_batches b SET dispatched_at = b.status_changed_at
        WHERE b.status <> 'PLANNED' OR EXISTS (SELECT 1 FROM disbursement.runs r WHERE r.id = b.run_id AND r.dispatched_at IS NOT NULL)`,
    );
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
