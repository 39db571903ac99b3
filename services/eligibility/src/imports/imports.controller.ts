import { rm } from 'node:fs/promises';
import { Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditRead, CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import type { EligibilityConfig } from '../config';
import { ELIGIBILITY_CONFIG } from '../shared/tokens';
import { EmptyFileError } from './import-errors';
import type { ImportReport } from './import-report';
import { ImportService } from './import.service';
import { ImportQueryDto, ImportReportDto } from './imports.dto';
import { saveRequestBody, UploadLimitInterceptor, type MultipartFile } from './upload';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    @Inject(ELIGIBILITY_CONFIG) private readonly config: EligibilityConfig,
  ) {}

  @Post()
  @Roles('operator', 'admin')
  @UseInterceptors(UploadLimitInterceptor, FileInterceptor('file'))
  @ApiOperation({
    summary: 'Import a register file of decisions (CSV in UTF-8 or XLSX; column layout in the README)',
    description:
      'Send the file as multipart/form-data (field "file") or as the raw request body. All rows are stored or none, ' +
      'unless acceptValidRows=true. The same file again, after an import that stored every row and whose report you may read, ' +
      'changes nothing (200, status already_imported); after an import that rejected rows it is imported again (201, a report of its own).',
  })
  @ApiConsumes('multipart/form-data', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 201, type: ImportReportDto, description: 'Stored; the report lists every rejected row (acceptValidRows) and the warnings' })
  @ApiResponse({ status: 200, type: ImportReportDto, description: 'This file was imported whole before (a report you may read): nothing changed' })
  @ApiResponse({
    status: 422,
    description:
      'IMPORT_REJECTED: rows are invalid, nothing stored; details = the report with row, field and reason. DATES_MONTH_FIRST: a date is written ' +
      'month first (MM/DD/YYYY), so the whole file is refused, even with acceptValidRows',
  })
  @ApiResponse({ status: 400, description: 'EMPTY_FILE, NOT_UTF8, MISSING_COLUMNS, UNREADABLE_FILE: nothing stored' })
  @ApiResponse({ status: 413, description: 'FILE_TOO_LARGE (setting IMPORT_MAX_BYTES): nothing stored' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED: the rows asked about more ID numbers not the user\'s to see than NATIONAL_ID_MISSES_PER_HOUR allows; nothing stored' })
  async importFile(
    @Req() request: Request,
    @UploadedFile() file: MultipartFile | undefined,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: AuthUser,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReport> {
    if (!file && request.is('multipart/form-data')) throw new EmptyFileError('The form has no "file" field');
    const upload = file
      ? { path: file.path, fileName: file.originalname }
      : { path: await saveRequestBody(request, this.config.IMPORT_MAX_BYTES), fileName: query.fileName ?? 'request-body' };
    try {
      const report = await this.imports.importFile(upload, { acceptValidRows: query.acceptValidRows ?? false, user });
      response.status(report.status === 'already_imported' ? 200 : 201);
      return report;
    } finally {
      await rm(upload.path, { force: true });
    }
  }

  @Get(':importId')
  @Roles('operator', 'approver', 'auditor', 'admin')
  // A report names rows of a register file, some of them with masked values: who read it is in the trail.
  @AuditRead('import')
  @ApiOperation({ summary: 'The report of a stored import' })
  @ApiResponse({ status: 200, type: ImportReportDto })
  @ApiResponse({ status: 403, description: "COMMUNE_NOT_ALLOWED: a commune operator reads their own imports' reports only" })
  report(@CurrentUser() user: AuthUser, @Param('importId', new ParseUUIDPipe()) importId: string): Promise<ImportReport> {
    return this.imports.report(user, importId);
  }
}
