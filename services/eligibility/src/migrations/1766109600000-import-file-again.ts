import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A file may be imported again after an import that stored only its valid rows (acceptValidRows): another operator
 * stores the rows of their programmes or communes, the same operator the rows corrected in the register meanwhile.
 * The sha256 no longer identifies one import; it finds the earlier imports of the file. Imports of one file are
 * serialised by an advisory lock on it instead of by the unique constraint.
 */
export class ImportFileAgain1766109600000 implements MigrationInterface {
  name = 'ImportFileAgain1766109600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE eligibility.import DROP CONSTRAINT import_file_sha256_key`);
    await q.query(`CREATE INDEX import_file_sha256_idx ON eligibility.import (file_sha256)`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
