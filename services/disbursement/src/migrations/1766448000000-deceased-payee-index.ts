import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recording an outcome asks, of each payment, whether its person has died (run_destinations.last_month_owed: the
 * payment goes to their funeral payee, and the family's message says so). A run's destinations are written in the
 * order eligibility sends them, a batch's payments in the order of their batch: one look-up per payment in the
 * primary key read a page of run_destinations per payment, 277 ms of the 375 ms of recording a batch of 2,000 at
 * 1,000,000. The few deceased persons' destinations have an index of their own, which a look-up finds in memory.
 */
export class DeceasedPayeeIndex1766448000000 implements MigrationInterface {
  name = 'DeceasedPayeeIndex1766448000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX run_destinations_deceased_idx ON disbursement.run_destinations (run_id, person_ref) WHERE last_month_owed IS NOT NULL`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
