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

/**
 * The statement of a day: a day fetched again once more was booked has another statement (another MsgId), and the
 * one imported last is the day's. onRecord is in the order of import.
 */
function latestOf(statements: readonly Balanced[], date: string | undefined): Balanced | undefined {
  return statements.filter((c) => c.date === date).at(-1);
}

function link(masked: string, earlier: Balanced, later: Balanced): string | undefined {
  const moved = BigInt(later.opening) - BigInt(earlier.closing);
  if (moved === 0n) return undefined;
  const first = addDays(earlier.date, 1);
  const last = addDays(later.date, -1);
  const why =
    first > last
      ? `a booking of ${moved} đồng is on no statement`
      : first === last
        ? `the statement of ${first} is missing, or a booking of ${moved} đồng is on none`
        : `the statements of ${first} to ${last} are missing, or a booking of ${moved} đồng is on none`;
  return `account ${masked}: the statement of ${later.date} opens at ${later.opening}, but the one before it on record (${earlier.date}) closed at ${earlier.closing}: ${why}`;
}

function hasBalances(c: Coverage): c is Balanced {
  return c.opening !== undefined && c.closing !== undefined;
}
