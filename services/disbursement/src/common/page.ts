import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { DisbursementError } from './errors';

/**
 * Keyset paging of the service's long lists (runs, payments, exceptions, re-sends, batches, statements): each is in
 * the order of an unchanging time and a unique id, and a page's `nextCursor` is the key of its last row, so a list
 * read to its end shows every row once, rows added meanwhile included. The cursor is opaque to the client and holds
 * only the list's name and that key (a time and an id), never a person's data.
 */

const MAX_PAGE = 500;

/** One page of a list and, while more may follow, the cursor that asks for the next one. */
export interface Page<T> {
  readonly rows: T[];
  readonly nextCursor?: string;
}

/** The key of a row: its time to the microsecond (timeKeySql) and its unique id. */
export interface PageKey {
  readonly at: string;
  readonly id: string;
}

/** How a paged list is read, as each list's OpenAPI description says it. */
export const PAGING_DESCRIPTION =
  'Send back the nextCursor of a page, with the same filters, for the next one; no nextCursor: the list is complete. ' +
  '422 INVALID_CURSOR for a cursor not given by this list.';

/** `limit` and `cursor` of a list's query; an absent limit is the list's own default. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page, with the same filters' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the nextCursor of a page of this list' })
  cursor?: string;
}

export class InvalidCursorError extends DisbursementError {
  readonly code = 'INVALID_CURSOR';
  readonly status = 422;
  constructor() {
    super('cursor is not the nextCursor of a page of this list: list again without one', { field: 'cursor' });
  }
}

/**
 * A timestamp column as the text of a page key, in UTC to the microsecond PostgreSQL keeps: a JS Date keeps only
 * milliseconds, and a key read back through one would skip or repeat the rows of the same millisecond.
 */
export function timeKeySql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The key a cursor of this list holds; anything else (another list's cursor, an edited one) is refused. */
export function pageKey(list: string, cursor: string | undefined, id: RegExp): PageKey | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!Array.isArray(key) || key.length !== 3 || key[0] !== list || !isTimeKey(key[1]) || typeof key[2] !== 'string' || !id.test(key[2])) {
    throw new InvalidCursorError();
  }
  return { at: key[1], id: key[2] };
}

/**
 * The page of `limit` rows out of the `limit + 1` read: the extra row only tells that more follow, and the cursor is
 * the key of the last row shown.
 */
export function pageOf<R>(list: string, rows: R[], limit: number, keyOf: (row: R) => PageKey): Page<R> {
  if (rows.length <= limit) return { rows };
  const shown = rows.slice(0, limit);
  const last = keyOf(shown[shown.length - 1]);
  return { rows: shown, nextCursor: Buffer.from(JSON.stringify([list, last.at, last.id])).toString('base64url') };
}

/** A page as its list answers it: `{ runs, nextCursor }`, `{ payments, nextCursor }`… */
export type PageBody<K extends string, V> = Record<K, V[]> & { nextCursor?: string };

/**
 * The page under the list's name, each row through `view` if given, and, while more may follow, `nextCursor`; the
 * last page has no nextCursor at all.
 */
export function pageBody<K extends string, R>(name: K, page: Page<R>): PageBody<K, R>;
export function pageBody<K extends string, R, V>(name: K, page: Page<R>, view: (row: R) => V): PageBody<K, V>;
export function pageBody(name: string, page: Page<unknown>, view?: (row: unknown) => unknown): Record<string, unknown> {
  return { [name]: view ? page.rows.map(view) : page.rows, ...(page.nextCursor && { nextCursor: page.nextCursor }) };
}

const TIME_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A time as timeKeySql writes it, and one that exists (never 2026-02-30, which PostgreSQL would refuse with a 500). */
function isTimeKey(value: unknown): value is string {
  if (typeof value !== 'string' || !TIME_KEY.test(value)) return false;
  const millis = `${value.slice(0, 23)}Z`;
  const parsed = new Date(millis);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString() === millis;
}

export const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
