import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The items an arrears line's month was priced with (the month as the run that paid the arrears saw it, for the line's
 * programme). A later run looking at that month again (a rate table entered since, a termination) takes them with the
 * month's own line: an item paid only as arrears (a care allowance or a decision recorded late) was missing from the
 * month's eligibility, so its arrears, counted as paid, came back as an overpayment to recover. Lines written before
 * carry none (null): they are read as before.
 */
export class ArrearsInputs1766102400000 implements MigrationInterface {
  name = 'ArrearsInputs1766102400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE entitlement.arrears_lines ADD COLUMN inputs jsonb`);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
