import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/**
 * Bulk writes with COPY, the cheapest way into PostgreSQL: no statement to parse and no array parameter for the driver
 * to escape element by element. Rows are lines of PostgreSQL's COPY text format: tab-separated fields, \N for NULL.
 */

/** A value of a COPY row: undefined and null are NULL, booleans t and f, numbers and bigints in decimal. */
export type CopyValue = string | number | bigint | boolean | null | undefined;

const NULL = '\\N';
const SPECIAL = /[\\\t\n\r]/;
/** The same characters, every one of them (a separate regex: a global one keeps its position between `test` calls). */
const EVERY_SPECIAL = new RegExp(SPECIAL.source, 'g');
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value as a COPY field: backslash, tab, newline and carriage return escaped (they would end the field or row). */
export function copyField(value: CopyValue): string {
  if (value === undefined || value === null) return NULL;
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = String(value);
  return SPECIAL.test(text) ? text.replace(EVERY_SPECIAL, (c) => ESCAPES[c]) : text;
}

/** One row as a COPY line, its values in the order of the COPY's columns. */
export function copyLine(values: readonly CopyValue[]): string {
  // A loop, not map and join: a run writes a million of these lines.
  let line = copyField(values[0]);
  for (let i = 1; i < values.length; i++) line += `\t${copyField(values[i])}`;
  return `${line}\n`;
}

/**
 * COPYs `text` (COPY lines) into `table` (schema-qualified, a constant of the caller) on the connection of the
 * transaction `tx`: the rows commit or roll back with the rest of it.
 */
export async function copyInto(tx: EntityManager, table: string, columns: readonly string[], text: string): Promise<void> {
  if (!tx.queryRunner) throw new Error(`COPY into ${table} needs the transaction of a query runner`);
  if (text.length === 0) return;
  const client = (await tx.queryRunner.connect()) as PoolClient;
  await pipeline(Readable.from([text]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}
