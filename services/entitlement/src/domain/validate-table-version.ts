import { decimal, formatDong, InvalidAmountError, type Dong } from '@benefits/money';
import { PROGRAMMES, TABLES, tableId, type Programme } from './catalogue';
import { NoRateTableError } from './errors';
import { isMonth, nextMonth, previousMonth, type Month } from './month';
import type { RateBook } from './rate-book';
import type { RateRow, TableVersion } from './table-version';

export type TableVersionIssueCode =
  | 'INVALID_HEADER'
  | 'INVALID_PERIOD'
  | 'OVERLAPPING_PERIOD'
  | 'DUPLICATE_ROW'
  | 'UNPRICED_GROUP'
  | 'UNKNOWN_KEY'
  | 'INVALID_AMOUNT'
  | 'INVALID_COEFFICIENT'
  | 'LEVEL_MISMATCH'
  | 'DUPLICATE_VERSION'
  | 'AMBIGUOUS_VERSION'
  | 'OVERRIDES_LATER_VERSION'
  | 'TOP_UP_LEFT_OUT'
  | 'SUPERSEDED';

export interface TableVersionIssue {
  readonly code: TableVersionIssueCode;
  readonly message: string;
  readonly key?: string;
}

interface Period {
  readonly from: Month;
  readonly to?: Month;
}

/**
 * Checks a new table version before it enters the book: a well-formed header and period, rows that are
 * known keys with valid non-negative whole amounts or decimal coefficients, no duplicate rows or overlapping
 * row periods, every group of the catalogue priced for the whole period, meritorious tables computed from the
 * standard level in force, and a clear precedence against the versions already in the book.
 */
export function validateTableVersion(version: TableVersion, existingBook: RateBook): TableVersionIssue[] {
  const headerIssues = checkHeader(version);
  if (headerIssues.length > 0) return headerIssues;
  return [...checkAgainstBook(version, existingBook), ...checkRows(version), ...checkPriced(version)];
}

/**
 * Checks a version an operator proposes (or approves): everything validateTableVersion checks, and that it does not
 * reach into the period of a version that starts later. The version entered last answers for every month it covers
 * (RateBook), so a correction of an old period left open-ended, or running past the next decree's start, would
 * silently replace that decree's rates for its months (Decree 335/2026's 540,000 by a corrected 2024 table). A version
 * that really replaces a later one is entered from that version's first month, as a version of its own.
 *
 * Only for new versions: the book itself is built without it, so that versions already entered always load.
 */
export function validateProposal(version: TableVersion, existingBook: RateBook): TableVersionIssue[] {
  const issues = validateTableVersion(version, existingBook);
  if (issues.some((issue) => issue.code === 'INVALID_HEADER' || issue.code === 'INVALID_PERIOD')) return issues;
  return [...issues, ...checkLaterVersions(version, existingBook), ...checkNotZero(version), ...checkTopUpsKept(version, existingBook)];
}

/**
 * At approval: no version of the same table and scope for any of its months was entered since the proposal was
 * made. Two proposals for one decree (a typo, then the right figures): the one approved last would win, and
 * approving the stale one after the other replaced the right rates with the typo.
 */
export function checkNotSuperseded(version: TableVersion, proposedAt: string, book: RateBook): TableVersionIssue[] {
  const period = { from: version.effectiveFrom, to: version.effectiveTo };
  const since = book.versions.find(
    (e) => e.table === version.table && e.scope === version.scope && Date.parse(e.enteredAt) > Date.parse(proposedAt) && overlaps(period, { from: e.effectiveFrom, to: e.effectiveTo }),
  );
  if (since === undefined) return [];
  return [{
    code: 'SUPERSEDED',
    message: `${since.id} (${since.instrument}) was approved for these months after this proposal was made (${proposedAt}): reject this one, or propose it again against the book as it is now`,
  }];
}

/**
 * A rate of 0 pays nothing: a standard level, a coefficient or a meritorious amount of 0 (a slip) would, entered
 * backdated, turn every month already paid into an overpayment to recover. Only a province top-up may be 0 (its
 * row then says "no top-up for that group").
 */
function checkNotZero(v: TableVersion): TableVersionIssue[] {
  if (v.table === 'province_topup') return [];
  const issues: TableVersionIssue[] = [];
  if (v.standardLevel !== undefined && v.standardLevel <= 0n) issues.push({ code: 'INVALID_AMOUNT', message: 'the standard level must be more than 0' });
  for (const row of v.rows) {
    if (typeof row.amount === 'bigint' && row.amount === 0n) issues.push({ code: 'INVALID_AMOUNT', key: row.key, message: `${row.key}: the amount must be more than 0` });
    if (isCoefficient(row.coefficient) && decimal(String(row.coefficient)).units === 0n) {
      issues.push({ code: 'INVALID_COEFFICIENT', key: row.key, message: `${row.key}: the coefficient must be more than 0` });
    }
  }
  return issues;
}

/**
 * A province's top-ups are one table: the version entered last answers for its months with all of its rows. A new
 * version leaving out a group that a version it replaces tops up would end that top-up without a word; to end one,
 * the new version says so with a row of 0. Every version that answers for one of its months is replaced (not only
 * the one in force at its first month: a bounded version ends, and the one under it answers again), and a group kept
 * is listed for every month of the new version, else the months its rows leave out pay nothing on top.
 */
function checkTopUpsKept(v: TableVersion, book: RateBook): TableVersionIssue[] {
  if (v.table !== 'province_topup') return [];
  const issues: TableVersionIssue[] = [];
  const seen = new Set<string>();
  for (const before of replacedVersions(v, book)) {
    for (const key of new Set(before.rows.filter((row) => (row.amount ?? 0n) > 0n).map((row) => row.key))) {
      if (seen.has(key)) continue;
      seen.add(key);
      if (coversVersion(v, v.rows.filter((row) => row.key === key).map((row) => periodOf(v, row)))) continue;
      issues.push({
        code: 'TOP_UP_LEFT_OUT',
        key,
        message: `${key} is topped up by ${before.id} (${before.instrument}), which this version replaces from ${v.effectiveFrom}: list it for every month of the version, with 0 to end its top-up`,
      });
    }
  }
  return issues;
}

/** The versions of the same table and scope that answer for some month of v's period now (v, entered last, replaces them there). */
function replacedVersions(v: TableVersion, book: RateBook): TableVersion[] {
  const inside = (m: Month) => m >= v.effectiveFrom && (v.effectiveTo === undefined || m <= v.effectiveTo);
  const same = book.versions.filter((e) => e.table === v.table && e.scope === v.scope);
  // Which version answers changes only where one starts or ends.
  const boundaries = [v.effectiveFrom, ...same.flatMap((e) => [e.effectiveFrom, ...(e.effectiveTo === undefined ? [] : [nextMonth(e.effectiveTo)])])];
  const answering = new Map<string, TableVersion>();
  for (const month of [...new Set(boundaries.filter(inside))].sort()) {
    const version = book.versionFor(v.table, month, v.scope);
    if (version !== undefined) answering.set(version.id, version);
  }
  return [...answering.values()];
}

function checkLaterVersions(v: TableVersion, book: RateBook): TableVersionIssue[] {
  const reached = book.versions
    .filter((e) => e.table === v.table && e.scope === v.scope && e.effectiveFrom > v.effectiveFrom)
    .filter((e) => v.effectiveTo === undefined || e.effectiveFrom <= v.effectiveTo)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const first = reached[0];
  if (first === undefined) return [];
  const period = `${v.effectiveFrom} to ${v.effectiveTo ?? '(open-ended)'}`;
  return [{
    code: 'OVERRIDES_LATER_VERSION',
    message:
      `${tableId(v.table, v.scope)} of ${period} reaches into ${first.effectiveFrom}, where ${first.id} (${first.instrument}) is in force: ` +
      `entered after it, it would replace its rates from then on. End it at ${previousMonth(first.effectiveFrom)} (effectiveTo); ` +
      `to replace ${first.id} too, enter a version from ${first.effectiveFrom} of its own`,
  }];
}

function checkHeader(v: TableVersion): TableVersionIssue[] {
  const issues: TableVersionIssue[] = [];
  const header = (message: string) => issues.push({ code: 'INVALID_HEADER', message: `${v.id || '(no id)'}: ${message}` });
  if (!v.id) header('the version needs an id');
  if (!TABLES[v.table]) return [{ code: 'INVALID_HEADER', message: `unknown table ${v.table}` }];
  if (!v.instrument?.trim()) header('the legal instrument is missing');
  if (Number.isNaN(Date.parse(v.enteredAt))) header(`enteredAt "${v.enteredAt}" is not an ISO date`);
  if (v.table === 'standard_level' && !PROGRAMMES.includes(v.scope as Programme)) header(`standard levels need a programme as scope, got ${v.scope}`);
  if (v.table === 'province_topup' && !/^\d{2}$/.test(v.scope ?? '')) header(`province top-ups need a 2-digit province code as scope, got ${v.scope}`);
  if (v.table !== 'standard_level' && v.table !== 'province_topup' && v.scope !== undefined) header(`table ${v.table} takes no scope`);
  if (!isMonth(v.effectiveFrom)) issues.push({ code: 'INVALID_PERIOD', message: `effectiveFrom "${v.effectiveFrom}" is not a month YYYY-MM` });
  if (v.effectiveTo !== undefined && (!isMonth(v.effectiveTo) || v.effectiveTo < v.effectiveFrom)) {
    issues.push({ code: 'INVALID_PERIOD', message: `effectiveTo "${v.effectiveTo}" is not a month on or after ${v.effectiveFrom}` });
  }
  return issues;
}

function checkAgainstBook(v: TableVersion, book: RateBook): TableVersionIssue[] {
  const issues: TableVersionIssue[] = [];
  if (book.versions.some((existing) => existing.id === v.id)) {
    issues.push({ code: 'DUPLICATE_VERSION', message: `a version with id ${v.id} is already in the book` });
  }
  const twin = book.versions.find(
    (e) => e.table === v.table && e.scope === v.scope && e.effectiveFrom === v.effectiveFrom && Date.parse(e.enteredAt) === Date.parse(v.enteredAt),
  );
  if (twin) {
    issues.push({ code: 'AMBIGUOUS_VERSION', message: `${twin.id} has the same effective month and entry time; one of them could not supersede the other` });
  }
  if (TABLES[v.table].boundToMeritoriousLevel) issues.push(...checkLevel(v, book));
  return issues;
}

function checkLevel(v: TableVersion, book: RateBook): TableVersionIssue[] {
  const level = meritoriousLevel(book, v.effectiveFrom);
  if (level === undefined || v.standardLevel !== level) {
    const found = level === undefined ? 'none is in the book' : `the book has ${formatDong(level)}`;
    return [{
      code: 'LEVEL_MISMATCH',
      message: `${tableId(v.table)} of ${v.effectiveFrom} states the meritorious standard level ${v.standardLevel === undefined ? '(none)' : formatDong(v.standardLevel)}, but ${found} for ${v.effectiveFrom}`,
    }];
  }
  return [];
}

function meritoriousLevel(book: RateBook, month: Month): Dong | undefined {
  try {
    return book.levelFor('meritorious', month).amount;
  } catch (error) {
    if (error instanceof NoRateTableError) return undefined;
    throw error;
  }
}

function checkRows(v: TableVersion): TableVersionIssue[] {
  const shape = TABLES[v.table];
  const allowed = new Set(shape.allowedKeys(v.scope));
  const issues: TableVersionIssue[] = [];
  v.rows.forEach((row, index) => {
    const at = `row ${index + 1} (${row.key})`;
    if (!allowed.has(row.key)) issues.push({ code: 'UNKNOWN_KEY', key: row.key, message: `${at}: not a key of ${tableId(v.table, v.scope)}` });
    if (shape.value === 'amount' && !(typeof row.amount === 'bigint' && row.amount >= 0n)) {
      issues.push({ code: 'INVALID_AMOUNT', key: row.key, message: `${at}: amount must be a non-negative whole number of đồng, got ${String(row.amount)}` });
    }
    if (shape.value === 'coefficient' && !isCoefficient(row.coefficient)) {
      issues.push({ code: 'INVALID_COEFFICIENT', key: row.key, message: `${at}: coefficient must be a non-negative decimal such as "2.5", got ${String(row.coefficient)}` });
    }
    const period = periodOf(v, row);
    const inside = isMonth(period.from) && (period.to === undefined || isMonth(period.to)) && withinVersion(v, period);
    if (!inside) issues.push({ code: 'INVALID_PERIOD', key: row.key, message: `${at}: its period must be months inside the version's period` });
  });
  return [...issues, ...checkPairs(v)];
}

function checkPairs(v: TableVersion): TableVersionIssue[] {
  const issues: TableVersionIssue[] = [];
  v.rows.forEach((a, i) => {
    v.rows.slice(i + 1).forEach((b) => {
      if (a.key !== b.key) return;
      const pa = periodOf(v, a);
      const pb = periodOf(v, b);
      if (pa.from === pb.from && pa.to === pb.to) {
        issues.push({ code: 'DUPLICATE_ROW', key: a.key, message: `${a.key} appears twice for the same period` });
      } else if (overlaps(pa, pb)) {
        issues.push({ code: 'OVERLAPPING_PERIOD', key: a.key, message: `${a.key} has two rows whose periods overlap` });
      }
    });
  });
  return issues;
}

function checkPriced(v: TableVersion): TableVersionIssue[] {
  const required = TABLES[v.table].requiredKeys(v.scope) ?? [];
  return required
    .filter((key) => !coversVersion(v, v.rows.filter((row) => row.key === key).map((row) => periodOf(v, row))))
    .map((key) => ({ code: 'UNPRICED_GROUP' as const, key, message: `${key} has no rate for every month of the version` }));
}

/** True when the periods leave no month of the version's period without a rate. */
function coversVersion(v: TableVersion, periods: readonly Period[]): boolean {
  let cursor: Month | undefined = v.effectiveFrom;
  for (const p of [...periods].sort((a, b) => a.from.localeCompare(b.from))) {
    if (cursor === undefined) return true;
    if (p.from > cursor) return false;
    if (p.to === undefined) cursor = undefined;
    else if (p.to >= cursor) cursor = nextMonth(p.to);
  }
  return cursor === undefined || (v.effectiveTo !== undefined && cursor > v.effectiveTo);
}

function periodOf(v: TableVersion, row: RateRow): Period {
  return { from: row.from ?? v.effectiveFrom, to: row.to ?? v.effectiveTo };
}

function withinVersion(v: TableVersion, p: Period): boolean {
  if (p.from < v.effectiveFrom) return false;
  if (p.to !== undefined && p.to < p.from) return false;
  if (v.effectiveTo === undefined) return true;
  return p.to !== undefined && p.to <= v.effectiveTo;
}

function overlaps(a: Period, b: Period): boolean {
  return (a.to === undefined || b.from <= a.to) && (b.to === undefined || a.from <= b.to);
}

function isCoefficient(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    decimal(value);
    return true;
  } catch (error) {
    if (error instanceof InvalidAmountError) return false;
    throw error;
  }
}
