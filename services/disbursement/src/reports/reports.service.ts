import { Injectable } from '@nestjs/common';
import type { Channel, Programme } from '@benefits/contracts';
import { readableCommunes, readableProgrammes, type AuthUser } from '@benefits/platform';
import { vietnamDate } from '@benefits/iso20022';
import { RunStateError } from '../common/errors';
import { withCommuneName, type CommuneName } from '../payments/domain/commune-names';
import { annualReport, type AnnualReport } from './domain/annual';
import { arrearsReport, type ArrearsReport } from './domain/arrears';
import { cashListParts, sumCashLists, type CashListPart, type CashListTotals } from './domain/cash-list';
import { cashlessShare, type CashlessShare, type ShareFigures } from './domain/cashless-share';
import { annualReportDueDate, fundingDueDate, postOfficeReportDueDate } from './domain/due-dates';
import { sumFigures, ZERO_OUTCOMES, type OutcomeFigures, type Tally } from './domain/figures';
import { fundingLines, type FundingLines } from './domain/funding';
import { postOfficeTotals, reporting, type ListFigures, type PostOfficeList, type PostOfficeReason, type Reporting } from './domain/post-office';
import { CashListNotFoundError } from './report-errors';
import { ReportQueries, type RunFacts } from './report-queries';

interface RunHeader {
  runId: string;
  month: string;
  status: string;
  provinceCode: string;
}

export type FundingRequest = RunHeader & FundingLines & {
  /** Last day the funding may arrive (before the 25th of the month before the payment month). */
  dueBy: string;
  /** Payments without a usable destination: rejected at release, never sent, so not funded. */
  withoutDestination: Tally;
};

export type RunSummaryReport = RunHeader & {
  rows: (OutcomeFigures & CommuneName & { programme: Programme; communeCode: string; channel: Channel })[];
  totals: OutcomeFigures;
};

export type PostOfficeReport = RunHeader & {
  reporting: Reporting;
  /** The account list (no commune) and each commune cash point's list. */
  lists: (PostOfficeList & CommuneName)[];
  totals: ListFigures;
  /** Not collected (by reason) and rejected, by list. */
  notPaidOut: (PostOfficeReason & CommuneName)[];
};

export type CashList = RunHeader &
  CommuneName & {
    communeCode: string;
    cashPointCode: string;
    /** Each list the post office was sent for the point (usually one), its lines numbered as in that list. */
    lists: CashListPart[];
    totals: CashListTotals;
  };

export interface MonthlyReport {
  month: string;
  runs: { runId: string; status: string; programmes: Programme[]; communeCodes: string[] | null }[];
  byProgrammeAndChannel: (OutcomeFigures & { programme: Programme; channel: Channel })[];
  byCommune: (OutcomeFigures & CommuneName & { communeCode: string })[];
  totals: OutcomeFigures;
  cashless: ShareFigures;
}

/** The finance reports: each loads grouped rows (report-queries.ts), shapes them (domain/) and returns the view. */
@Injectable()
export class ReportsService {
  constructor(private readonly queries: ReportQueries) {}

  async funding(runId: string): Promise<FundingRequest> {
    const run = await this.runWithPayments(runId);
    const { rows, withoutDestination } = await this.queries.funding(runId);
    return { ...header(run), dueBy: fundingDueDate(run.month), ...fundingLines(rows), withoutDestination };
  }

  async runSummary(runId: string): Promise<RunSummaryReport> {
    const run = await this.runWithPayments(runId);
    const rows = await this.queries.outcomes({ runId }, ['programme', 'communeCode', 'channel']);
    return {
      ...header(run),
      rows: rows.map((r) => withCommuneName({ ...r, programme: r.programme as Programme, channel: r.channel as Channel }, run.month)),
      totals: sumFigures(rows, ZERO_OUTCOMES),
    };
  }

  async postOffice(runId: string): Promise<PostOfficeReport> {
    const run = await this.runWithPayments(runId);
    const lists = await this.queries.postOfficeLists(runId);
    const status = await this.queries.postOfficeReporting(runId);
    const lastFinalOn = status.lastFinalAt ? vietnamDate(status.lastFinalAt) : null;
    return {
      ...header(run),
      reporting: reporting(postOfficeReportDueDate(run.month), status.lists, status.final, lastFinalOn, vietnamDate(new Date())),
      lists: lists.map((l) => withCommuneName(l, run.month)),
      totals: postOfficeTotals(lists),
      notPaidOut: (await this.queries.postOfficeReasons(runId)).map((r) => withCommuneName(r, run.month)),
    };
  }

  /**
   * Of the programmes the user reads, and for a user limited to communes only at theirs: another commune's point, or
   * a point without a line they read, is not found (as a person paid only under other programmes is not).
   */
  async cashList(user: AuthUser, runId: string, communeCode: string, cashPointCode: string): Promise<CashList> {
    const run = await this.runWithPayments(runId);
    const communes = readableCommunes(user);
    if (communes && !communes.includes(communeCode)) throw new CashListNotFoundError(runId, communeCode, cashPointCode);
    const lists = cashListParts(await this.queries.cashListPayments(runId, communeCode, cashPointCode), readableProgrammes(user));
    if (lists.length === 0) throw new CashListNotFoundError(runId, communeCode, cashPointCode);
    return { ...header(run), ...withCommuneName({ communeCode }, run.month), cashPointCode, lists, totals: sumCashLists(lists) };
  }

  async cashlessShare(from: string, to: string): Promise<CashlessShare> {
    return cashlessShare(from, to, await this.queries.paidByChannel(from, to));
  }

  async monthly(month: string): Promise<MonthlyReport> {
    const scope = { from: month, to: month };
    const runs = await this.queries.releasedRuns(month, month);
    const byProgrammeAndChannel = await this.queries.outcomes(scope, ['programme', 'channel']);
    return {
      month,
      runs: runs.map((r) => ({ runId: r.id, status: r.status, programmes: r.programmes, communeCodes: r.communeCodes })),
      byProgrammeAndChannel: byProgrammeAndChannel.map((r) => ({ ...r, programme: r.programme as Programme, channel: r.channel as Channel })),
      byCommune: (await this.queries.outcomes(scope, ['communeCode'])).map((r) => withCommuneName(r, month)),
      totals: sumFigures(byProgrammeAndChannel, ZERO_OUTCOMES),
      cashless: cashlessShare(month, month, await this.queries.paidByChannel(month, month)).province,
    };
  }

  async annual(year: number): Promise<AnnualReport> {
    return annualReport(year, annualReportDueDate(year), await this.queries.annual(year));
  }

  async arrears(month: string): Promise<ArrearsReport> {
    return arrearsReport(month, await this.queries.arrears(month));
  }

  /** Run-level reports need the run's payment instructions: prepared, and neither cancelled nor rejected. */
  private async runWithPayments(runId: string): Promise<RunFacts> {
    const run = await this.queries.run(runId);
    if (!run.prepared || ['CANCELLED', 'REJECTED'].includes(run.status)) {
      throw new RunStateError(`Run ${runId} is ${run.status}: it has no payments to report on`);
    }
    return run;
  }
}

function header(run: RunFacts): RunHeader {
  return { runId: run.id, month: run.month, status: run.status, provinceCode: run.provinceCode };
}
