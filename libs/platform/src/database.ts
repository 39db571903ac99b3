import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { PostgresConnectionOptions } from 'typeorm/driver/postgres/PostgresConnectionOptions';

export interface ServiceDatabase {
  url: string;
  /** The service's own schema: services never read or write each other's. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** PostgreSQL's statement_timeout on the service's connections (DATABASE_STATEMENT_TIMEOUT_MS); 0 or none: no limit. */
  statementTimeoutMs?: number;
}

/** The database settings of a service's config: the URL, and the statement timeout (left out, as tests do: no limit). */
export interface DatabaseSettings {
  DATABASE_URL: string;
  DATABASE_STATEMENT_TIMEOUT_MS?: number;
}

/**
 * TypeORM options for a service. Schema changes only ever come from its migrations, run explicitly by
 * `migrate` (before tests, before start): `synchronize` stays off and the app never migrates on its own.
 * JIT compilation is off on the services' connections: it pays off for long analytical queries, and the services
 * run short statements whose costs the planner often overestimates (a run's preparation spent 1.8 s compiling a
 * statement over its candidates that then ran in 40 ms).
 */
export function databaseOptions(db: ServiceDatabase): PostgresConnectionOptions {
  return {
    type: 'postgres',
    url: db.url,
    schema: db.schema,
    entities: db.entities,
    migrations: db.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    extra: { max: db.poolSize ?? 10, application_name: db.schema, options: sessionSettings(db.statementTimeoutMs ?? 0) },
  };
}

/** The settings every connection starts with (libpq's `options`). */
function sessionSettings(statementTimeoutMs: number): string {
  return `-c jit=off -c statement_timeout=${statementTimeoutMs}`;
}

/** Creates the database and the schema if missing, then applies pending migrations. Returns their names. */
export async function migrate(options: PostgresConnectionOptions): Promise<string[]> {
  await ensureDatabase(options.url!);
  // A migration may rewrite or index a whole table: no statement timeout.
  const dataSource = new DataSource({ ...options, extra: { ...options.extra, options: sessionSettings(0) } } as DataSourceOptions);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The SQL that would bring the schema in line with the entities: empty when entities and migrations agree. */
export async function pendingSchemaChanges(options: PostgresConnectionOptions): Promise<string[]> {
  const dataSource = new DataSource({ ...options, logging: false } as DataSourceOptions);
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}

async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^\w+$/.test(name)) throw new Error(`Unexpected database name "${name}" in DATABASE_URL`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const dataSource = new DataSource({ type: 'postgres', url: admin.toString() });
  await dataSource.initialize();
  try {
    const rows: unknown[] = await dataSource.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rows.length === 0) await dataSource.query(`CREATE DATABASE "${name}"`).catch((e: { code?: string }) => {
      if (e.code !== '42P04') throw e; // created meanwhile by another service's migrate
    });
  } finally {
    await dataSource.destroy();
  }
}
