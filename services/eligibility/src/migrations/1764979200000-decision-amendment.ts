import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Amending decisions (quyết định điều chỉnh): a decision that continues an earlier one with changed facts from the
 * first day of a month. The earlier decision is terminated from that day (reason AMENDED); the amending decision
 * names it. A decision is amended at most once (after that it is terminated): the unique index makes a second
 * amendment of the same decision fail even if two requests race.
 */
export class DecisionAmendment1764979200000 implements MigrationInterface {
  name = 'DecisionAmendment1764979200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE eligibility.decision
        ADD COLUMN amends_decision_id uuid REFERENCES eligibility.decision (id);
      CREATE UNIQUE INDEX decision_amends_once ON eligibility.decision (amends_decision_id) WHERE amends_decision_id IS NOT NULL;
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
