import type { Channel } from '@benefits/contracts';
import { AWAITING_OUTCOME, type PaymentStatus } from '../../payments/domain/payment-status';

/** A number of payments and their amount in whole đồng (a string: JSON numbers lose precision). */
export interface Tally {
  count: number;
  amount: string;
}

export const ZERO: Tally = { count: 0, amount: '0' };

/**
 * The columns of every outcome breakdown. `sent` is every payment of a run that was not cancelled; the others
 * split it by status, so sent = paid + rejected + returned + notCollected + pending always.
 */
export const OUTCOME_COLUMNS = ['sent', 'paid', 'rejected', 'returned', 'notCollected', 'pending'] as const;
export type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];
export type OutcomeFigures = Record<OutcomeColumn, Tally>;

/** The payment statuses each column counts (cancelled payments are in none: they were never sent). */
export const COLUMN_STATUSES: Record<Exclude<OutcomeColumn, 'sent'>, readonly PaymentStatus[]> = {
  paid: ['settled'],
  rejected: ['rejected'],
  returned: ['returned'],
  notCollected: ['not_collected'],
  pending: AWAITING_OUTCOME,
};

/** Paid into an account (bank or post-office account) rather than in cash: the province's cashless target. */
export const ACCOUNT_CHANNELS: readonly Channel[] = ['bank', 'post_office_account'];

export function addTally(a: Tally, b: Tally): Tally {
  return { count: a.count + b.count, amount: (BigInt(a.amount) + BigInt(b.amount)).toString() };
}

/** A figure of a report row: a count, an amount (string of whole đồng) or a tally. */
export type Figure = number | string | Tally;

/**
 * The totals of rows already grouped in SQL, or of one printed list's lines (never every payment of a run), over the figures named
 * by `zero` (which is also the answer for no rows). Counts add as numbers, amounts as bigint, tallies both.
 */
export function sumFigures<T extends { [K in keyof T]: Figure }>(rows: readonly NoInfer<T>[], zero: T): T {
  const total = { ...zero };
  for (const row of rows) for (const key of Object.keys(zero) as (keyof T)[]) total[key] = add(total[key], row[key]) as T[keyof T];
  return total;
}

function add(a: Figure, b: Figure): Figure {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') return (BigInt(a) + BigInt(b)).toString();
  if (typeof a === 'object' && typeof b === 'object') return addTally(a, b);
  throw new TypeError('sumFigures: a row disagrees with zero on the type of a figure');
}

export const ZERO_OUTCOMES: OutcomeFigures = { sent: ZERO, paid: ZERO, rejected: ZERO, returned: ZERO, notCollected: ZERO, pending: ZERO };

/**
 * part ÷ whole as a percentage with two decimals, rounded half up, computed on whole numbers (never a float
 * division of amounts). Null when the whole is zero: no share of nothing.
 */
export function percent(part: bigint | number, whole: bigint | number): number | null {
  const p = BigInt(part);
  const w = BigInt(whole);
  if (w === 0n) return null;
  const hundredths = (p * 10000n * 2n + w) / (2n * w);
  return Number(hundredths) / 100;
}
