import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuditRead, CurrentUser, LookupLimit, Roles, type AuthUser } from '@benefits/platform';
import { describeColumns, renderReport, type Column, type ExportFormat, type ReportDocument } from '@benefits/reports';
import type { AnnualReport } from './domain/annual';
import type { ArrearsReport } from './domain/arrears';
import type { CashlessShare } from './domain/cashless-share';
import { rangeProblem } from './domain/month-range';
import {
  annualDocument,
  ANNUAL_COLUMNS,
  arrearsDocument,
  ARREARS_COLUMNS,
  cashlessDocument,
  CASHLESS_COLUMNS,
  cashListDocument,
  CASH_LIST_COLUMNS,
  fundingDocument,
  FUNDING_COLUMNS,
  MONTHLY_COMMUNE_COLUMNS,
  monthlyDocument,
  postOfficeDocument,
  POST_OFFICE_COLUMNS,
  POST_OFFICE_REASON_COLUMNS,
  runSummaryDocument,
  SUMMARY_COLUMNS,
} from './report-documents';
import { InvalidReportQueryError } from './report-errors';
import { FormatQuery, MonthQuery, MonthRangeQuery, YearQuery } from './reports.dto';
import { ReportsService, type CashList, type FundingRequest, type MonthlyReport, type PostOfficeReport, type RunSummaryReport } from './reports.service';

/** Run-level reports: finance, auditors, admins, and the operators who run the payments. */
const RUN_READERS = ['operator', 'finance', 'auditor', 'admin'] as const;
/** Province-level reports: finance, auditors, admins. */
const FINANCE = ['finance', 'auditor', 'admin'] as const;

const FORMATS = 'JSON by default; `?format=csv` (UTF-8 with BOM), `xlsx` or `pdf` for the same report as a file with Vietnamese headers.';
const produces = ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf');

function apiDescription(what: string, ...tables: (readonly Column[])[]): string {
  return `${what}\n\n${FORMATS}\n\nColumns of the exports (JSON field — Vietnamese header: meaning):\n\n${tables.map(describeColumns).join('\n\n')}`;
}

/** The report as JSON, or rendered as the file asked for. */
async function answer<T>(view: T, format: ExportFormat | undefined, document: (view: T) => ReportDocument): Promise<T | StreamableFile> {
  if (!format) return view;
  const file = await renderReport(document(view), format);
  return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"`, length: file.body.length });
}

/** Funding requests and finance reports (issue 7, parts 3–5): JSON, CSV, XLSX, PDF. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('runs/:id/funding')
  @Roles(...RUN_READERS)
  @produces
  @ApiParam({ name: 'id', description: 'run id' })
  @ApiOperation({
    summary: "The run's funding request: totals by programme and channel (regular, arrears, carried over, one-offs, re-sends), due before the 25th of the month before",
    description: apiDescription('409 INVALID_RUN_STATE for a run without payment instructions (not prepared, cancelled, rejected).', FUNDING_COLUMNS),
  })
  async funding(@Param('id', ParseUUIDPipe) id: string, @Query() query: FormatQuery): Promise<FundingRequest | StreamableFile> {
    return answer(await this.reports.funding(id), query.format, fundingDocument);
  }

  @Get('runs/:id/reports/summary')
  @Roles(...RUN_READERS)
  @produces
  @ApiParam({ name: 'id', description: 'run id' })
  @ApiOperation({
    summary: 'Run summary by programme × commune × channel: count and amount sent, paid, rejected, returned, not collected, pending',
    description: apiDescription('sent = paid + rejected + returned + notCollected + pending.', SUMMARY_COLUMNS),
  })
  async summary(@Param('id', ParseUUIDPipe) id: string, @Query() query: FormatQuery): Promise<RunSummaryReport | StreamableFile> {
    return answer(await this.reports.runSummary(id), query.format, runSummaryDocument);
  }

  @Get('runs/:id/reports/post-office')
  @Roles(...RUN_READERS)
  @produces
  @ApiParam({ name: 'id', description: 'run id' })
  @ApiOperation({
    summary: "The post office's report of a run (due before the 20th): per list, paid, not collected, rejected, carried over, balance returned or kept",
    description: apiDescription('From the settlement reports as recorded with each payment.', POST_OFFICE_COLUMNS, POST_OFFICE_REASON_COLUMNS),
  })
  async postOffice(@Param('id', ParseUUIDPipe) id: string, @Query() query: FormatQuery): Promise<PostOfficeReport | StreamableFile> {
    return answer(await this.reports.postOffice(id), query.format, postOfficeDocument);
  }

  @Get('runs/:id/cash-lists/:communeCode/:cashPointCode')
  @Roles(...RUN_READERS)
  @AuditRead('cash-list')
  @LookupLimit()
  @produces
  @ApiParam({ name: 'id', description: 'run id' })
  @ApiParam({ name: 'communeCode', description: '5-digit commune code of the cash point (as in the post-office report)' })
  @ApiParam({ name: 'cashPointCode', description: 'the cash point, e.g. CP-30742-01' })
  @ApiOperation({
    summary: "A commune cash point's payment list (danh sách chi trả) as sent to the post office, to print for the payout: ID numbers masked, a column to sign",
    description: apiDescription(
      'One table per list the post office received for the point (a point with more payees than a batch holds is sent several), numbered as that list. ' +
        'Only the lines of the programmes you read (an operator: their own), keeping their numbers. 404 CASH_LIST_NOT_FOUND before the run is released, for a point the run has no payment at, ' +
        'for a point with no line of your programmes, or outside the communes your token is limited to.',
      CASH_LIST_COLUMNS,
    ),
  })
  async cashList(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('communeCode') communeCode: string,
    @Param('cashPointCode') cashPointCode: string,
    @Query() query: FormatQuery,
  ): Promise<CashList | StreamableFile> {
    if (!/^\d{5}$/.test(communeCode)) throw new InvalidReportQueryError('communeCode', 'communeCode must be a 5-digit commune code');
    if (cashPointCode.length > 32) throw new InvalidReportQueryError('cashPointCode', 'cashPointCode has more than 32 characters');
    return answer(await this.reports.cashList(user, id, communeCode, cashPointCode), query.format, cashListDocument);
  }

  @Get('reports/cashless-share')
  @Roles(...FINANCE)
  @produces
  @ApiOperation({
    summary: 'Cashless share (paid into bank or post-office accounts ÷ all paid) by commune and month, and for the province',
    description: apiDescription('At most 36 months; 400 INVALID_REPORT_QUERY when `to` is before `from`.', CASHLESS_COLUMNS),
  })
  async cashlessShare(@Query() query: MonthRangeQuery): Promise<CashlessShare | StreamableFile> {
    const problem = rangeProblem(query.from, query.to);
    if (problem) throw new InvalidReportQueryError('to', problem);
    return answer(await this.reports.cashlessShare(query.from, query.to), query.format, cashlessDocument);
  }

  @Get('reports/monthly')
  @Roles(...FINANCE)
  @produces
  @ApiOperation({ summary: 'A month: every released run of it, by programme and channel and by commune, with the cashless share', description: apiDescription('', MONTHLY_COMMUNE_COLUMNS) })
  async monthly(@Query() query: MonthQuery): Promise<MonthlyReport | StreamableFile> {
    return answer(await this.reports.monthly(query.month), query.format, monthlyDocument);
  }

  @Get('reports/annual')
  @Roles(...FINANCE)
  @produces
  @ApiOperation({
    summary: 'A year month by month and programme by programme (due to the province before 15 November): covers the months the data holds',
    description: apiDescription('', ANNUAL_COLUMNS),
  })
  async annual(@Query() query: YearQuery): Promise<AnnualReport | StreamableFile> {
    return answer(await this.reports.annual(query.year), query.format, annualDocument);
  }

  @Get('reports/arrears')
  @Roles(...FINANCE)
  @produces
  @ApiOperation({ summary: "Arrears (truy lĩnh) in a month's runs by programme, reason and month owed for: paid, unpaid, pending", description: apiDescription('', ARREARS_COLUMNS) })
  async arrears(@Query() query: MonthQuery): Promise<ArrearsReport | StreamableFile> {
    return answer(await this.reports.arrears(query.month), query.format, arrearsDocument);
  }
}
