import { FUNERAL_SUPPORT_KIND, type Channel, type Programme } from '@benefits/contracts';
import { sumFigures } from './figures';

/**
 * One-off payments travel as components of their own kind inside the month's amount (entitlement's one_offs:
 * funeral support, D20 Art.11, is the only kind today). A new kind is added here.
 */
export const ONE_OFF_KINDS: readonly string[] = [FUNERAL_SUPPORT_KIND];

/** What a run needs for one programme and channel, by what it pays for (whole đồng). A GROUP BY row. */
export interface FundingFigures {
  /** Payments in the run (not cancelled). */
  payments: number;
  /** The month's own amounts, one-offs excluded. */
  regular: string;
  /** Arrears for earlier months (truy lĩnh). */
  arrears: string;
  /** Amounts unpaid in earlier months paid again: not collected at the post office, or entitlement's unpaid arrears. */
  carriedOver: string;
  /** Funeral support and other one-offs. */
  oneOff: string;
  /** Re-sends of rejected or returned payments to a corrected destination. */
  resent: string;
  /** Every payment's total. */
  total: string;
  /**
   * Of the carried-over amounts, what the post office kept from the earlier month and pays again itself: already
   * with the agent, so not transferred again.
   */
  heldByPostOffice: string;
  /** total − heldByPostOffice: what the treasury transfers. */
  toTransfer: string;
}

export type FundingRow = Omit<FundingFigures, 'toTransfer'> & { programme: Programme; channel: Channel };

export const ZERO_FUNDING: FundingFigures = {
  payments: 0,
  regular: '0',
  arrears: '0',
  carriedOver: '0',
  oneOff: '0',
  resent: '0',
  total: '0',
  heldByPostOffice: '0',
  toTransfer: '0',
};

export interface FundingLines {
  rows: (FundingFigures & { programme: Programme; channel: Channel })[];
  byProgramme: (FundingFigures & { programme: Programme })[];
  totals: FundingFigures;
}

/**
 * The funding request's lines: each programme and channel, each programme, and the whole run. Refuses figures whose
 * parts do not add up to the payments' totals: a funding request is never sent with a wrong sum.
 */
export function fundingLines(rows: readonly FundingRow[]): FundingLines {
  const lines = rows.map((row) => {
    const parts = [row.regular, row.arrears, row.carriedOver, row.oneOff, row.resent].reduce((sum, part) => sum + BigInt(part), 0n);
    if (parts !== BigInt(row.total)) {
      throw new Error(`Funding of ${row.programme}/${row.channel}: the parts add up to ${parts}, the payments to ${row.total}`);
    }
    return { ...row, toTransfer: (BigInt(row.total) - BigInt(row.heldByPostOffice)).toString() };
  });
  const programmes = [...new Set(lines.map((l) => l.programme))].sort();
  return {
    rows: lines,
    byProgramme: programmes.map((programme) => ({ programme, ...sumFigures(lines.filter((l) => l.programme === programme), ZERO_FUNDING) })),
    totals: sumFigures(lines, ZERO_FUNDING),
  };
}
