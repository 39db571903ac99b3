import { rowsOf } from '@benefits/messaging';
import type { EntityManager } from 'typeorm';

/** The rows of a query run through TypeORM (SELECT, or any statement with RETURNING). */
export async function select<R>(sql: EntityManager, text: string, params: unknown[] = []): Promise<R[]> {
  return rowsOf<R>(await sql.query(text, params));
}

export async function selectOne<R>(sql: EntityManager, text: string, params: unknown[] = []): Promise<R | undefined> {
  return (await select<R>(sql, text, params))[0];
}
