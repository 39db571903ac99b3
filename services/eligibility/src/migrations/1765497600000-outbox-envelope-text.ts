import { outboxEnvelopeAsTextMigrationSql } from '@benefits/messaging';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox's envelopes as text, their type and correlation id in columns (libs/messaging, migration.ts). */
export class OutboxEnvelopeText1765497600000 implements MigrationInterface {
  name = 'OutboxEnvelopeText1765497600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(outboxEnvelopeAsTextMigrationSql('eligibility'));
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
