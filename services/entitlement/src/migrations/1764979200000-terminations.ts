import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions terminated by an operator (LifeEventRecorded decision_terminated), one row per decision: the first
 * event recorded wins, a redelivery changes nothing. Months paid after the last day paid are re-priced without the
 * decision's item (recoveries), and the runs leave that item out of those months for good. terminated_at is when
 * eligibility recorded it (the event's occurredAt): runs created after it were priced without the decision.
 * Append-only.
 */
export class Terminations1764979200000 implements MigrationInterface {
  name = 'Terminations1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entitlement.terminations (
        decision_id     text        PRIMARY KEY,
        person_ref      uuid        NOT NULL,
        programme       text        NOT NULL,
        group_code      text        NOT NULL,
        last_day_paid   date        NOT NULL,
        decision_number text        NOT NULL,
        reason_code     text        NOT NULL,
        event_id        uuid        NOT NULL,
        terminated_at   timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX terminations_person_idx ON entitlement.terminations (person_ref)');
    await q.query(
      `CREATE TRIGGER terminations_append_only BEFORE UPDATE OR DELETE ON entitlement.terminations FOR EACH ROW EXECUTE FUNCTION entitlement.forbid_change()`,
    );
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
