import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res, UnsupportedMediaTypeException, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, FourEyesDecision, Roles, type AuthUser } from '@benefits/platform';
import { readRawBody } from '../common/raw-body';
import { pageBody, PageQuery, PAGING_DESCRIPTION } from '../common/page';
import { CONFIG } from '../common/tokens';
import type { DisbursementConfig } from '../config';
import { ExceptionsService } from './exceptions.service';
import {
  AssignExceptionDto,
  ExceptionsQuery,
  FetchStatementDto,
  ImportStatementQuery,
  ReopenExceptionDto,
  ResolveExceptionDto,
} from './reconciliation.dto';
import { StatementTooLargeError } from './reconciliation.errors';
import { ReconciliationService } from './reconciliation.service';
import { StatementImportService } from './statement-import.service';
import { WholeProvinceGuard } from './whole-province.guard';

const READERS = ['finance', 'approver', 'auditor', 'admin'] as const;

const PAGES = `${PAGING_DESCRIPTION} Read a list to its end before a sign-off.`;

/** Statements in, matching, the exceptions queue and the four-eyes sign-off of a run: finance's work, for the whole province. */
@ApiTags('reconciliation')
@ApiBearerAuth()
@UseGuards(WholeProvinceGuard)
@Controller()
export class ReconciliationController {
  constructor(
    @Inject(CONFIG) private readonly config: DisbursementConfig,
    private readonly statements: StatementImportService,
    private readonly reconciliation: ReconciliationService,
    private readonly exceptions: ExceptionsService,
  ) {}

  @Post('statements')
  @Roles('finance')
  @ApiConsumes('application/xml', 'text/xml', 'application/octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' }, description: 'A camt.053 / camt.054 file, or the post office settlement report (JSON) sent as application/octet-stream' })
  @ApiOperation({ summary: 'Import a statement file: 201 imported, 200 the same file again (nothing changed), 422 unreadable, 409 its id reused, 413 larger than STATEMENT_MAX_BYTES, 415 sent as application/json' })
  async importStatement(@CurrentUser() user: AuthUser, @Query() query: ImportStatementQuery, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const bytes = await readBody(request, this.config.STATEMENT_MAX_BYTES);
    const result = await this.statements.import(bytes, query.fileName ?? null, user);
    if (result.duplicate) response.status(200);
    return result;
  }

  @Post('statements/fetch')
  @Roles('finance')
  @ApiOperation({ summary: "Fetch and import the bank's end-of-day statements of a day (one per paying account, in this order: the Department of Health's, the Department of Home Affairs'; one account for both: one statement), or the post office's settlement reports of a run" })
  async fetchStatement(@CurrentUser() user: AuthUser, @Body() body: FetchStatementDto) {
    // The DTO requires the date for the bank and the run for the post office.
    if (body.source === 'bank') return this.statements.fetchBankStatements(String(body.date), user);
    return this.statements.fetchPostOfficeReports(String(body.runId), user);
  }

  @Get('statements')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Imported statement files, newest first, 50 a page unless `limit` says otherwise (at most 500)', description: PAGES })
  async listStatements(@Query() query: PageQuery) {
    return pageBody('statements', await this.statements.list(query));
  }

  @Get('statements/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One imported file: lines, matched, unmatched, the figures that did not add up, the days it covers' })
  getStatement(@Param('id', ParseUUIDPipe) id: string) {
    return this.statements.get(id);
  }

  @Get('runs/:id/reconciliation')
  @Roles(...READERS)
  @ApiOperation({ summary: "A run's reconciliation: payments by class and channel, exceptions, whether it can be signed off, who prepared and signed it" })
  view(@Param('id', ParseUUIDPipe) runId: string) {
    return this.reconciliation.view(runId);
  }

  @Post('runs/:id/reconciliation/refresh')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Classify the run again against every statement imported so far (payments become overdue with time)' })
  async refresh(@Param('id', ParseUUIDPipe) runId: string) {
    await this.reconciliation.reconcileRun(runId);
    return this.reconciliation.view(runId);
  }

  @Post('runs/:id/reconciliation/prepare')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Prepare the sign-off: everything matched or explained (409 RECONCILIATION_INCOMPLETE otherwise)' })
  prepare(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) runId: string) {
    return this.reconciliation.prepare(runId, user);
  }

  @Post('runs/:id/reconciliation/sign-off')
  @HttpCode(200)
  @Roles('finance')
  @FourEyesDecision('reconciliation.sign-off')
  @ApiOperation({ summary: 'Sign off the prepared reconciliation: another finance officer, never the preparer (403 FOUR_EYES); 409 RECONCILIATION_CHANGED if it moved since' })
  signOff(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) runId: string) {
    return this.reconciliation.signOff(runId, user);
  }

  @Get('reconciliation/exceptions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The exceptions queue, oldest first, 100 a page unless `limit` says otherwise (at most 500)', description: PAGES })
  async listExceptions(@Query() query: ExceptionsQuery) {
    return pageBody('exceptions', await this.exceptions.list(query));
  }

  @Get('reconciliation/exceptions/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One exception with its statement line and history' })
  getException(@Param('id', ParseUUIDPipe) id: string) {
    return this.exceptions.get(id);
  }

  @Post('reconciliation/exceptions/:id/assign')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Assign an exception to a person' })
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: AssignExceptionDto) {
    return this.exceptions.assign(id, body.assignee, body.note, user);
  }

  @Post('reconciliation/exceptions/:id/resolve')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Resolve an exception with the explanation' })
  resolve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ResolveExceptionDto) {
    return this.exceptions.resolve(id, body.resolution, user);
  }

  @Post('reconciliation/exceptions/:id/reopen')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({ summary: 'Reopen a resolved exception (a prepared sign-off then no longer matches)' })
  reopen(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReopenExceptionDto) {
    return this.exceptions.reopen(id, body.note, user);
  }
}

/** The raw file: a settlement report comes as a file too (a JSON body would have been parsed and size-limited). */
async function readBody(request: Request, limitBytes: number): Promise<Buffer> {
  if (request.is('application/json')) {
    throw new UnsupportedMediaTypeException('Send the file as application/octet-stream (or application/xml for camt.053/054), not application/json');
  }
  return readRawBody(request, limitBytes, () => new StatementTooLargeError(limitBytes));
}
