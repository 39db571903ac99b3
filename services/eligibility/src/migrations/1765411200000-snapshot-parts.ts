import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A snapshot is built in parts, each a range of person ids with a cursor of its own, so that the snapshot threads
 * build them side by side (snapshot.service.ts). A snapshot still building when this runs becomes one part covering
 * every person, resumed from its cursor.
 */
export class SnapshotParts1765411200000 implements MigrationInterface {
  name = 'SnapshotParts1765411200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE eligibility.snapshot_part (
        run_id uuid NOT NULL REFERENCES eligibility.snapshot (run_id),
        part integer NOT NULL,
        cursor uuid NOT NULL,
        last_person_id uuid NOT NULL,
        done boolean NOT NULL DEFAULT false,
        PRIMARY KEY (run_id, part)
      );
      INSERT INTO eligibility.snapshot_part (run_id, part, cursor, last_person_id)
        SELECT run_id, 0, coalesce(cursor, '00000000-0000-0000-0000-000000000000'), 'ffffffff-ffff-ffff-ffff-ffffffffffff'
          FROM eligibility.snapshot WHERE status = 'building';
      ALTER TABLE eligibility.snapshot DROP COLUMN cursor;
    `);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
