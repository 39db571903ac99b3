import { addMonths, type Month, type Programme } from '../../domain';

/** Overpayments to recover for one month overpaid, programme, reason and source: a GROUP BY row. */
export interface RecoveryGroup {
  /** The month that was overpaid. */
  month: Month;
  programme: Programme;
  /** NOT_ELIGIBLE (nothing was owed), OVERPAID (less was owed than paid) or REVERSED (given back, negative: the money came back). */
  reason: string;
  /** What raised it: run (recalculated in a run), death (a death reported late), outcome (paid after a death). */
  source: string;
  /** Persons concerned (each once). */
  persons: number;
  /** Recovery records. */
  records: number;
  /** Whole đồng to recover (reversals, negative, net against the recoveries they give back). */
  amount: string;
}

type Totals = Pick<RecoveryGroup, 'records' | 'amount'>;

export interface RecoveriesReport {
  from: Month;
  to: Month;
  rows: RecoveryGroup[];
  byProgramme: (Totals & { programme: Programme })[];
  byReason: (Totals & { reason: string })[];
  totals: Totals;
}

/** The longest range at once: three years of months. */
export const MAX_RANGE_MONTHS = 36;

/** Why from..to (inclusive) is not a range the report covers, or null. */
export function rangeProblem(from: Month, to: Month): string | null {
  if (to < from) return `to (${to}) is before from (${from})`;
  if (addMonths(from, MAX_RANGE_MONTHS - 1) < to) return `from..to covers more than ${MAX_RANGE_MONTHS} months`;
  return null;
}

/** The report's totals by programme, by reason and overall, from the grouped rows (amounts as bigint). */
export function recoveriesReport(from: Month, to: Month, rows: readonly RecoveryGroup[]): RecoveriesReport {
  const total = (of: readonly RecoveryGroup[]): Totals => ({
    records: of.reduce((n, r) => n + r.records, 0),
    amount: of.reduce((sum, r) => sum + BigInt(r.amount), 0n).toString(),
  });
  const programmes = [...new Set(rows.map((r) => r.programme))].sort();
  const reasons = [...new Set(rows.map((r) => r.reason))].sort();
  return {
    from,
    to,
    rows: [...rows],
    byProgramme: programmes.map((programme) => ({ programme, ...total(rows.filter((r) => r.programme === programme)) })),
    byReason: reasons.map((reason) => ({ reason, ...total(rows.filter((r) => r.reason === reason)) })),
    totals: total(rows),
  };
}
