import type { MigrationInterface, QueryRunner } from 'typeorm';
import { auditTablesV1 } from '@benefits/platform';

/**
 * The service's audit trail (append-only, hash-chained: a trigger refuses UPDATE, DELETE and TRUNCATE) and the
 * tokens spent by four-eyes decisions. The SQL is shared by every service (libs/platform auditTablesV1).
 */
export class AuditTrail1764720000000 implements MigrationInterface {
  name = 'AuditTrail1764720000000';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of auditTablesV1('eligibility')) await q.query(sql);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
