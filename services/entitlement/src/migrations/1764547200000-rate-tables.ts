import type { MigrationInterface, QueryRunner } from 'typeorm';
import { seedRateTables } from '../rate-tables/seed';

/**
 * Rate tables as effective-dated data: every version ever proposed, and the decision on it by a second person.
 * Both tables are append-only (a trigger refuses UPDATE and DELETE): a correction or a new decree is a new version.
 * The seed tables (src/data, with their instruments) are entered as approved versions.
 */
export class RateTables1764547200000 implements MigrationInterface {
  name = 'RateTables1764547200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION entitlement.forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'entitlement.%: rows are append-only, history is never edited in place', TG_TABLE_NAME
          USING ERRCODE = '55000';
      END $$`);
    await q.query(`
      CREATE TABLE entitlement.rate_table_versions (
        id             text        PRIMARY KEY,
        table_name     text        NOT NULL,
        scope          text,
        effective_from character(7) NOT NULL,
        effective_to   character(7),
        instrument     text        NOT NULL,
        confidence     text        NOT NULL,
        standard_level bigint,
        rows           jsonb       NOT NULL,
        proposed_by    text        NOT NULL,
        proposed_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE entitlement.rate_table_decisions (
        version_id text        PRIMARY KEY,
        decision   text        NOT NULL,
        decided_by text        NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        reason     text
      )`);
    for (const table of ['rate_table_versions', 'rate_table_decisions']) {
      await q.query(
        `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON entitlement.${table} FOR EACH ROW EXECUTE FUNCTION entitlement.forbid_change()`,
      );
    }
    await seedRateTables(q);
  }

  async down(): Promise<void> {
    throw new Error('Migrations are forward-only');
  }
}
