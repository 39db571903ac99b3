import { outboxInboxMigrationSql } from '@benefits/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764460800000 implements MigrationInterface {
  name = 'Init1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE SCHEMA IF NOT EXISTS "eligibility"');
    // The transactional outbox and the idempotent-consumer inbox (libs/messaging).
    await q.query(outboxInboxMigrationSql('eligibility'));
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
