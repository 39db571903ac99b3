import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource, type DataSourceOptions, type MigrationInterface, type QueryRunner } from 'typeorm';
import { databaseOptions, migrate, type ServiceDatabase } from '../src';

jest.setTimeout(30_000);

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/benefits';

/** The connection settings every service gets from databaseOptions (real PostgreSQL). */
describe('a service connection (real PostgreSQL)', () => {
  const connect = (db: Partial<ServiceDatabase> = {}) =>
    new DataSource(databaseOptions({ url: DATABASE_URL, schema: 'public', entities: [], migrations: [], ...db }) as DataSourceOptions).initialize();
  const opened: DataSource[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.destroy()));
  });

  it('runs without JIT compilation: a run preparation paid 1.8 s of compiling for a statement that ran in 40 ms', async () => {
    const db = await connect();
    opened.push(db);
    expect(await db.query('SHOW jit')).toEqual([{ jit: 'off' }]);
    expect(await db.query('SHOW application_name')).toEqual([{ application_name: 'public' }]);
  });

  it('cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS (57014), and the connection serves the next one', async () => {
    const db = await connect({ statementTimeoutMs: 200, poolSize: 1 });
    opened.push(db);
    await expect(db.query('SELECT pg_sleep(2)')).rejects.toMatchObject({ driverError: { code: '57014' } });
    expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('runs migrations without the statement timeout: one may rewrite or index a whole table', async () => {
    const schema = `migrate_test_${randomUUID().slice(0, 8)}`;
    class SlowMigration1700000000000 implements MigrationInterface {
      async up(q: QueryRunner) {
        await q.query('SELECT pg_sleep(0.5)');
      }
      async down(q: QueryRunner) {
        await q.query('SELECT 1');
      }
    }
    const options = databaseOptions({ url: DATABASE_URL, schema, entities: [], migrations: [SlowMigration1700000000000], statementTimeoutMs: 100 });
    try {
      expect(await migrate(options)).toEqual(['SlowMigration1700000000000']);
    } finally {
      const db = await connect();
      await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await db.destroy();
    }
  });
});
