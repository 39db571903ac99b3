import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run disbursement closed before release (RunClosedUnpaid: cancelled, rejected or halted) is CANCELLED here: its
 * arrears, exceptions and one-off claims no longer count as scheduled, so the next run of the month owes them again.
 * A one-off may therefore be put into a run more than once, each time after the run holding it was cancelled:
 * one_off_schedules is keyed by the one-off and its attempt (how many of its runs were cancelled before), so two
 * runs can still never hold it at once.
 */
export class RunClosures1765670400000 implements MigrationInterface {
  name = 'RunClosures1765670400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.one_off_schedules ADD COLUMN attempt smallint NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE entitlement.one_off_schedules DROP CONSTRAINT one_off_schedules_pkey, ADD CONSTRAINT one_off_schedules_pkey PRIMARY KEY (one_off_id, attempt)`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
