import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Terminations of a decision by an operator: the status row keeps the reason code (closed list) and the decision
 * that terminated it (number, signing level, date). A decision is terminated at most once: the partial unique index
 * makes a second termination fail even if two requests race.
 */
export class DecisionTermination1764806400000 implements MigrationInterface {
  name = 'DecisionTermination1764806400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE eligibility.decision_status
        ADD COLUMN reason_code        text,
        ADD COLUMN by_decision_number text,
        ADD COLUMN by_signing_level   text,
        ADD COLUMN by_signed_on       date;
      CREATE UNIQUE INDEX decision_status_one_termination ON eligibility.decision_status (decision_id) WHERE status = 'terminated';
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
