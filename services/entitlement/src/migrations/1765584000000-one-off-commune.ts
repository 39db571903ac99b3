import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The commune a one-off belongs to (one_offs.commune_code): for funeral support, the commune the deceased lived in
 * when they died, as eligibility's death event tells it. A run requested for some communes pays the one-offs of
 * persons not in its snapshot only if they are of those communes (eligibility sends the funeral payee with the same
 * runs); a one-off without a commune (recorded before this column, or a death event without one) goes with the next
 * run, whatever its communes, as before.
 */
export class OneOffCommune1765584000000 implements MigrationInterface {
  name = 'OneOffCommune1765584000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.one_offs ADD COLUMN commune_code text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
