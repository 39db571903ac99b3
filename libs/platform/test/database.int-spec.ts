import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { databaseOptions } from '../src';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/benefits';

/** The connection settings every service gets from databaseOptions (real PostgreSQL). */
describe('a service connection (real PostgreSQL)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(databaseOptions({ url: DATABASE_URL, schema: 'public', entities: [], migrations: [] }) as DataSourceOptions).initialize();
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('runs without JIT compilation: a run preparation paid 1.8 s of compiling for a statement that ran in 40 ms', async () => {
    expect(await db.query('SHOW jit')).toEqual([{ jit: 'off' }]);
  });

  it('names the service in pg_stat_activity (application_name)', async () => {
    expect(await db.query('SHOW application_name')).toEqual([{ application_name: 'public' }]);
  });
});
