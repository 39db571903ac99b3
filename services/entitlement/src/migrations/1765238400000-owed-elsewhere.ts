import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Months a termination left owed in another programme (owed_elsewhere): the social pension of a person whose higher
 * social assistance was terminated with a last day paid in the past was not paid for the months after it, because
 * only the higher of the two is paid. The next run looks at each such month again and pays what is owed as arrears;
 * a row is done once a run created after it has an arrears line for its month and programme. Append-only.
 */
export class OwedElsewhere1765238400000 implements MigrationInterface {
  name = 'OwedElsewhere1765238400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE entitlement.owed_elsewhere (
        person_ref  uuid         NOT NULL,
        programme   text         NOT NULL,
        month       character(7) NOT NULL,
        amount      bigint       NOT NULL,
        source_id   text         NOT NULL,
        explanation jsonb        NOT NULL,
        recorded_at timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (person_ref, programme, month, source_id)
      )`);
    await q.query(
      `CREATE TRIGGER owed_elsewhere_append_only BEFORE UPDATE OR DELETE ON entitlement.owed_elsewhere FOR EACH ROW EXECUTE FUNCTION entitlement.forbid_change()`,
    );
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
