import { maskAccount } from '@benefits/platform';
import { addDays } from './classify';
import type { Coverage } from './statement-file';

type Balanced = Coverage & { readonly opening: string; readonly closing: string };

/**
 * End-of-day statements of one account chain: each opens at the balance the one before it closed at. A statement
 * whose neighbours on record (the latest before it, the earliest after it) do not chain with it says a statement day
 * is missing, or a booking is on no statement: money moved that reconciliation never saw. Days without a statement
 * whose balances chain (a weekend, a holiday) moved no money and are no problem. Statements imported before their
 * balances were kept cannot be checked, and are left out. onRecord: the account's statements, in the order imported.
 */
export function chainProblems(statement: Coverage, onRecord: readonly Coverage[]): string[] {
  if (!hasBalances(statement)) return [];
  const account = onRecord.filter((c): c is Balanced => hasBalances(c) && c.source === 'bank' && c.account === statement.account);
  const earlier = account.filter((c) => c.date < statement.date);
  const later = account.filter((c) => c.date > statement.date);
  const before = latestOf(earlier, earlier.map((c) => c.date).sort().at(-1));
  const after = latestOf(later, later.map((c) => c.date).sort().at(0));
  const masked = maskAccount(statement.account);
  return [before && link(masked, before, statement), after && link(masked, statement, after)].filter((p): p is string => typeof p === 'string');
}

/** A statement on record and the file it came in: the file a chain problem was said of. */
export interface FiledStatement {
  readonly fileId: string;
  readonly statement: Coverage;
}

/**
 * Of the problems a file on record says (its statement_problem exception), the chain problems its statements said
 * when it was imported that the statements on record no longer show: the missing day arrived (whether it chains or
 * says a problem of its own, a booking on none), or a day fetched again once more was booked chains where the first
 * did not. The problem is gone, not moved: one the statements still show, whichever file says it now, is kept, and
 * so is each problem that is not of the chain (a file's own balances, an entry). onRecord: the statements of the
 * file's accounts, in the order imported, the one just imported last.
 */
export function chainProblemsGone(fileId: string, problems: readonly string[], onRecord: readonly FiledStatement[]): string[] {
  const first = onRecord.findIndex((f) => f.fileId === fileId);
  if (first < 0) return [];
  const before = onRecord.slice(0, first).map((f) => f.statement);
  const own = onRecord.filter((f) => f.fileId === fileId).map((f) => f.statement);
  // As chainBalances said them: against the statements imported before the file, and its own other days.
  const said = new Set(own.flatMap((statement) => chainProblems(statement, [...before, ...own.filter((other) => other !== statement)])));
  const shown = chainProblemsShown(onRecord.map((f) => f.statement));
  return problems.filter((problem) => said.has(problem) && !shown.has(problem));
}

/** Every link the statements on record show broken: consecutive statement days of an account. */
function chainProblemsShown(onRecord: readonly Coverage[]): Set<string> {
  const shown = new Set<string>();
  for (const account of new Set(onRecord.map((c) => c.account))) {
    const days = statementDays(onRecord, account);
    for (let i = 1; i < days.length; i += 1) {
      const problem = link(maskAccount(account), days[i - 1], days[i]);
      if (problem) shown.add(problem);
    }
  }
  return shown;
}

export interface DayRange {
  readonly first: string;
  readonly last: string;
}

/**
 * The days of an account that a later statement on record does not vouch for: those between two consecutive
 * statement days that do not chain, whose statement may be missing. A booking of such a day is not overdue because a
 * later day's statement came in first (statements imported out of order), only once its own arrives or the grace
 * days are over, as if the statements had come in order. Days between statements that chain moved no money.
 */
export function daysUncovered(onRecord: readonly Coverage[], account: string): DayRange[] {
  const days = statementDays(onRecord, account);
  return days.slice(1).flatMap((later, i) => {
    const earlier = days[i];
    const first = addDays(earlier.date, 1);
    const last = addDays(later.date, -1);
    return moved(earlier, later) !== 0n && first <= last ? [{ first, last }] : [];
  });
}

/** An account's statement days on record, in order, each day's statement the one imported last (latestOf). */
function statementDays(onRecord: readonly Coverage[], account: string): Balanced[] {
  const ofAccount = onRecord.filter((c): c is Balanced => hasBalances(c) && c.source === 'bank' && c.account === account);
  return [...new Set(ofAccount.map((c) => c.date))].sort().map((date) => latestOf(ofAccount, date) as Balanced);
}

/**
 * The statement of a day: a day fetched again once more was booked has another statement (another MsgId), and the
 * one imported last is the day's. onRecord is in the order of import.
 */
function latestOf(statements: readonly Balanced[], date: string | undefined): Balanced | undefined {
  return statements.filter((c) => c.date === date).at(-1);
}

/** What moved between two statements of an account on no statement of them: 0 when they chain. */
function moved(earlier: Balanced, later: Balanced): bigint {
  return BigInt(later.opening) - BigInt(earlier.closing);
}

function link(masked: string, earlier: Balanced, later: Balanced): string | undefined {
  const amount = moved(earlier, later);
  if (amount === 0n) return undefined;
  const first = addDays(earlier.date, 1);
  const last = addDays(later.date, -1);
  const why =
    first > last
      ? `a booking of ${amount} đồng is on no statement`
      : first === last
        ? `the statement of ${first} is missing, or a booking of ${amount} đồng is on none`
        : `the statements of ${first} to ${last} are missing, or a booking of ${amount} đồng is on none`;
  return `account ${masked}: the statement of ${later.date} opens at ${later.opening}, but the one before it on record (${earlier.date}) closed at ${earlier.closing}: ${why}`;
}

function hasBalances(c: Coverage): c is Balanced {
  return c.opening !== undefined && c.closing !== undefined;
}
