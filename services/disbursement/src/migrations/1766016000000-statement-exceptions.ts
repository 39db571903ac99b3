import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A statement file whose own figures do not add up (its balances, a batch-booked entry and its transactions, a
 * settlement report's totals) is an exception of the file (`file_id`) for finance to resolve, like a line that
 * matches no payment: both hold up the sign-off of the runs they could concern. The files imported before, whose
 * problems were only listed, get theirs, raised when the file was imported.
 */
export class StatementExceptions1766016000000 implements MigrationInterface {
  name = 'StatementExceptions1766016000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE disbursement.recon_exceptions ADD COLUMN file_id uuid;
      DROP INDEX disbursement.recon_exceptions_subject_uq;
      CREATE UNIQUE INDEX recon_exceptions_subject_uq ON disbursement.recon_exceptions (kind, payment_id, line_id, file_id) NULLS NOT DISTINCT;

      WITH raised AS (
        INSERT INTO disbursement.recon_exceptions (id, run_id, kind, file_id, detail, status, created_at)
        SELECT gen_random_uuid(), NULL, 'statement_problem', f.id,
               f.kind || ' ' || f.message_id || ' does not add up: ' || (SELECT string_agg(p, '; ') FROM jsonb_array_elements_text(f.problems) AS p),
               'open', f.imported_at
          FROM disbursement.statement_files f WHERE jsonb_array_length(f.problems) > 0
        RETURNING id, file_id, created_at)
      INSERT INTO disbursement.recon_exception_changes (exception_id, action, actor, note, at)
      SELECT id, 'raised', 'system', 'statement file ' || file_id || ' (raised by migration StatementExceptions1766016000000)', created_at FROM raised;
    `);
  }

  async down(): Promise<void> {
    throw new Error('forward-only: restore from a backup instead');
  }
}
