import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Funeral organisers: a destination row of purpose 'funeral' (with the organiser's relationship to the deceased),
 * stored and encrypted like any destination; and the count of funeral payees a run's snapshot sent beyond its
 * payable persons, so its RunDestinationsCompleted count still equals what was sent.
 */
export class FuneralOrganiser1764633600000 implements MigrationInterface {
  name = 'FuneralOrganiser1764633600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE eligibility.payment_destination
        ADD COLUMN purpose            text NOT NULL DEFAULT 'regular',
        ADD COLUMN payee_relationship text;
      ALTER TABLE eligibility.snapshot ADD COLUMN funeral_destination_count integer NOT NULL DEFAULT 0;
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
