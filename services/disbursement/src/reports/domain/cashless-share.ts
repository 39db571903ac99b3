import type { Channel } from '@benefits/contracts';
import { withCommuneName, type CommuneName } from '../../payments/domain/commune-names';
import { ACCOUNT_CHANNELS, addTally, percent, ZERO, type Tally } from './figures';

/** Payments paid (settled) in a commune and month through one channel: one row of a GROUP BY. */
export interface PaidByChannel {
  communeCode: string;
  month: string;
  channel: Channel;
  paid: Tally;
}

export interface ShareFigures {
  /** Paid into a bank or post-office account. */
  accounts: Tally;
  /** Paid in cash at a post-office point or at home. */
  cash: Tally;
  all: Tally;
  /** accounts ÷ all by number of payments, in percent (two decimals): the headline figure. */
  shareByCount: number | null;
  /** accounts ÷ all by amount, in percent. */
  shareByAmount: number | null;
}

export interface CashlessShare {
  from: string;
  to: string;
  byCommune: (ShareFigures & CommuneName & { communeCode: string; month: string })[];
  /** The province (every commune) month by month. */
  byMonth: (ShareFigures & { month: string })[];
  /** The province over the whole range: the target the province reports on. */
  province: ShareFigures;
}

/**
 * The cashless share (paid into accounts ÷ all paid) by commune and month, by month for the province, and for the
 * province over the range. Only money that arrived counts as paid: a payment returned after settling does not.
 */
export function cashlessShare(from: string, to: string, rows: readonly PaidByChannel[]): CashlessShare {
  const byCommune = new Map<string, { communeCode: string; month: string; accounts: Tally; cash: Tally }>();
  const byMonth = new Map<string, { month: string; accounts: Tally; cash: Tally }>();
  let province = { accounts: ZERO, cash: ZERO };
  for (const row of rows) {
    const side = ACCOUNT_CHANNELS.includes(row.channel) ? 'accounts' : 'cash';
    const communeKey = `${row.communeCode}|${row.month}`;
    const commune = byCommune.get(communeKey) ?? { communeCode: row.communeCode, month: row.month, accounts: ZERO, cash: ZERO };
    commune[side] = addTally(commune[side], row.paid);
    byCommune.set(communeKey, commune);
    const month = byMonth.get(row.month) ?? { month: row.month, accounts: ZERO, cash: ZERO };
    month[side] = addTally(month[side], row.paid);
    byMonth.set(row.month, month);
    province = { ...province, [side]: addTally(province[side], row.paid) };
  }
  const order = (a: { month: string; communeCode?: string }, b: { month: string; communeCode?: string }) =>
    (a.communeCode ?? '').localeCompare(b.communeCode ?? '') || a.month.localeCompare(b.month);
  return {
    from,
    to,
    byCommune: [...byCommune.values()].sort(order).map((c) => withCommuneName({ communeCode: c.communeCode, month: c.month, ...figures(c) }, c.month)),
    byMonth: [...byMonth.values()].sort(order).map((m) => ({ month: m.month, ...figures(m) })),
    province: figures(province),
  };
}

function figures({ accounts, cash }: { accounts: Tally; cash: Tally }): ShareFigures {
  const all = addTally(accounts, cash);
  return {
    accounts,
    cash,
    all,
    shareByCount: percent(accounts.count, all.count),
    shareByAmount: percent(BigInt(accounts.amount), BigInt(all.amount)),
  };
}
