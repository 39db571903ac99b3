import type { Programme } from '@benefits/contracts';
import { sumFigures, ZERO, type Tally } from './figures';

/** Arrears lines of a month's runs for one programme, reason and month owed for: a GROUP BY row. */
export interface ArrearsRow {
  programme: Programme;
  /** LATE_DECISION, BACKDATED_RATE, RESUMED_AFTER_SUSPENSION, HIGHER_BENEFIT_ENDED (entitlement's reasons). */
  reason: string;
  /** The month the arrears are owed for. */
  forMonth: string;
  beneficiaries: number;
  lines: Tally;
  /** Lines of payments that settled. */
  paid: Tally;
  /** Lines of payments rejected, returned or not collected. */
  unpaid: Tally;
  pending: Tally;
}

type ArrearsFigures = Pick<ArrearsRow, 'lines' | 'paid' | 'unpaid' | 'pending'>;
const ZERO_ARREARS: ArrearsFigures = { lines: ZERO, paid: ZERO, unpaid: ZERO, pending: ZERO };

export interface ArrearsReport {
  month: string;
  rows: ArrearsRow[];
  byReason: (ArrearsFigures & { reason: string })[];
  totals: ArrearsFigures;
}

export function arrearsReport(month: string, rows: readonly ArrearsRow[]): ArrearsReport {
  const reasons = [...new Set(rows.map((r) => r.reason))].sort();
  return {
    month,
    rows: [...rows],
    byReason: reasons.map((reason) => ({ reason, ...sumFigures(rows.filter((r) => r.reason === reason), ZERO_ARREARS) })),
    totals: sumFigures(rows, ZERO_ARREARS),
  };
}
