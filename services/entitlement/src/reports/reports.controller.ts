import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '@benefits/platform';
import { describeColumns, renderReport } from '@benefits/reports';
import { rangeProblem, recoveriesReport, type RecoveriesReport } from './domain/recoveries-report';
import { RecoveriesReportRepository } from './recoveries-report.repository';
import { recoveriesDocument, RECOVERY_COLUMNS } from './recoveries-document';
import { InvalidReportQueryError } from './report-errors';
import { RecoveriesReportQuery } from './reports.dto';

/** Finance reports of the entitlement service: overpayments to recover. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(private readonly repository: RecoveriesReportRepository) {}

  @Get('recoveries')
  @Roles('finance', 'auditor', 'admin')
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf')
  @ApiOperation({
    summary: 'Overpayments to recover by month overpaid, programme, reason and source, with totals (the list of each one: GET /recoveries)',
    description: `JSON by default; \`?format=csv\` (UTF-8 with BOM), \`xlsx\` or \`pdf\` with Vietnamese headers. At most 36 months; 400 INVALID_REPORT_QUERY when \`to\` is before \`from\`.\n\nColumns (JSON field — Vietnamese header: meaning):\n\n${describeColumns(RECOVERY_COLUMNS)}`,
  })
  async recoveries(@Query() query: RecoveriesReportQuery): Promise<RecoveriesReport | StreamableFile> {
    const problem = rangeProblem(query.from, query.to);
    if (problem) throw new InvalidReportQueryError(problem);
    const report = recoveriesReport(query.from, query.to, await this.repository.groups(query.from, query.to));
    if (!query.format) return report;
    const file = await renderReport(recoveriesDocument(report), query.format);
    return new StreamableFile(file.body, { type: file.contentType, disposition: `attachment; filename="${file.fileName}"`, length: file.body.length });
  }
}
