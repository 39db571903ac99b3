import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Items of a run that disbursement left out (RunItemsLeftOut: the person's month was already paid or in flight in
 * another run of the month). Their arrears lines and one-off claims stay as they were, but no longer count as
 * scheduled, so the next run owes them again; this table says which, with what they held, and why.
 */
export class RunItemsLeftOut1765843200000 implements MigrationInterface {
  name = 'RunItemsLeftOut1765843200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entitlement.run_items_left_out (
        run_id      uuid        NOT NULL,
        person_ref  uuid        NOT NULL,
        programme   text        NOT NULL,
        reason      text        NOT NULL,
        arrears     jsonb       NOT NULL,
        one_off_ids bigint[]    NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, person_ref, programme)
      )`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
