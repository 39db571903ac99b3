import type { Programme } from '@benefits/contracts';
import { percent, type Tally } from './figures';

export interface AnnualFigures {
  /** Persons paid at least once (each counted once, whatever the number of payments). */
  beneficiaries: number;
  sent: Tally;
  paid: Tally;
  paidToAccounts: Tally;
  /** Of the amount paid, arrears for earlier months. */
  arrearsPaid: string;
  /** Of the amount paid, amounts unpaid earlier and paid again. */
  carriedOverPaid: string;
  /** Rejected, returned or not collected (most are paid again later: re-sent or carried over). */
  unpaid: Tally;
  pending: Tally;
}

/** A row of the GROUPING SETS query: month and programme, or null where the row totals over it. */
export interface AnnualRow extends AnnualFigures {
  month: string | null;
  programme: Programme | null;
}

export type AnnualLine = AnnualFigures & { cashlessShare: number | null };

export interface AnnualReport {
  year: number;
  dueBy: string;
  /** The months the year's data holds so far (the report is due before the year ends), null without data. */
  covers: { from: string; to: string } | null;
  byMonthAndProgramme: (AnnualLine & { month: string; programme: Programme })[];
  byMonth: (AnnualLine & { month: string })[];
  byProgramme: (AnnualLine & { programme: Programme })[];
  total: AnnualLine;
}

const NOTHING: AnnualFigures = {
  beneficiaries: 0,
  sent: { count: 0, amount: '0' },
  paid: { count: 0, amount: '0' },
  paidToAccounts: { count: 0, amount: '0' },
  arrearsPaid: '0',
  carriedOverPaid: '0',
  unpaid: { count: 0, amount: '0' },
  pending: { count: 0, amount: '0' },
};

/** Sorts the rows of the grouping sets into the report's tables; the cashless share is by number of payments. */
export function annualReport(year: number, dueBy: string, rows: readonly AnnualRow[]): AnnualReport {
  const byMonthAndProgramme: AnnualReport['byMonthAndProgramme'] = [];
  const byMonth: AnnualReport['byMonth'] = [];
  const byProgramme: AnnualReport['byProgramme'] = [];
  let total: AnnualLine = lineOf(NOTHING);
  for (const row of rows) {
    const line = lineOf(row);
    if (row.month !== null && row.programme !== null) byMonthAndProgramme.push({ month: row.month, programme: row.programme, ...line });
    else if (row.month !== null) byMonth.push({ month: row.month, ...line });
    else if (row.programme !== null) byProgramme.push({ programme: row.programme, ...line });
    else total = line;
  }
  const months = byMonth.map((m) => m.month).sort();
  return {
    year,
    dueBy,
    covers: months.length ? { from: months[0], to: months[months.length - 1] } : null,
    byMonthAndProgramme,
    byMonth,
    byProgramme,
    total,
  };
}

function lineOf(f: AnnualFigures): AnnualLine {
  return {
    beneficiaries: f.beneficiaries,
    sent: f.sent,
    paid: f.paid,
    paidToAccounts: f.paidToAccounts,
    arrearsPaid: f.arrearsPaid,
    carriedOverPaid: f.carriedOverPaid,
    unpaid: f.unpaid,
    pending: f.pending,
    cashlessShare: percent(f.paidToAccounts.count, f.paid.count),
  };
}
