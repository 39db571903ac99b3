import type { Pool, PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The one database abstraction of this lib: anything with `query(text, params)`. A pg client, a TypeORM
 * EntityManager and a TypeORM QueryRunner all satisfy it, so the outbox and the inbox write through whatever
 * transaction the caller already holds.
 */
export interface Sql {
  query(text: string, params?: unknown[]): Promise<unknown>;
}

/** Opens a transaction and hands `work` the connection bound to it; commits if `work` resolves, rolls back if not. */
export interface Database<Tx extends Sql = Sql> {
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * Rows of a query with rows (SELECT, or INSERT/UPDATE/DELETE ... RETURNING), whichever driver ran it: pg returns a
 * QueryResult; TypeORM returns the rows array, except for an UPDATE or DELETE (also `WITH … UPDATE … RETURNING`),
 * for which it returns [rows, affectedCount]. Read naively, that pair has two "rows" even when nothing was
 * updated, and a guard such as "no row updated: the status changed meanwhile" would never fire.
 */
export function rowsOf<R>(result: unknown): R[] {
  if (isTypeormUpdateResult(result)) return result[0] as R[];
  if (Array.isArray(result)) return result as R[];
  return ((result as { rows?: R[] } | null)?.rows ?? []) as R[];
}

function isTypeormUpdateResult(result: unknown): result is [unknown[], number] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
}

/** Transactions on a pg pool. A connection that broke mid-transaction is destroyed rather than returned to the pool. */
export function pgDatabase(pool: Pool): Database<PoolClient> {
  return {
    async transaction<T>(work: (tx: PoolClient) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Transactions on a TypeORM DataSource; handlers get the transaction's EntityManager (repositories work as usual). */
export function typeormDatabase(dataSource: DataSource): Database<EntityManager> {
  return { transaction: (work) => dataSource.transaction(work) };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function checkedSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _`);
  return schema;
}
