import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hamlet or street address of a residence (thôn, ấp, tổ, khóm; số nhà): the post office's payment list of a
 * commune cash point shows it on every line, so that the payee can be found and, when paid at home, visited. Its
 * length (200) is checked where it is written, as the other fields of the register are.
 */
export class ResidenceAddress1765929600000 implements MigrationInterface {
  name = 'ResidenceAddress1765929600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE eligibility.residence ADD COLUMN address text`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
