import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A care allowance held by the caring household's representative names the person cared for (D20 Art.20): their
 * age bands the allowance and their death ends it. The index serves "which allowances care for this person".
 */
export class CaredFor1764986400000 implements MigrationInterface {
  name = 'CaredFor1764986400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE eligibility.decision
        ADD COLUMN cared_for_person_id uuid REFERENCES eligibility.person (id);
      CREATE INDEX decision_cared_for_idx ON eligibility.decision (cared_for_person_id) WHERE cared_for_person_id IS NOT NULL;
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
