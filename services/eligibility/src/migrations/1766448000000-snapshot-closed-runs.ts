import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The runs of the month disbursement had closed unpaid when a run was requested (RunRequested.closedRunIds), kept
 * with the snapshot request until the snapshot is completed: its completion passes them on to entitlement, which
 * applies those closures before it prices the run. Null: none named (so every snapshot requested before).
 */
export class SnapshotClosedRuns1766448000000 implements MigrationInterface {
  name = 'SnapshotClosedRuns1766448000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE eligibility.snapshot ADD COLUMN closed_run_ids uuid[]`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
