import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { AuditRead, CurrentUser, FourEyesDecision, Roles, type AuthUser } from '@benefits/platform';
import { pageBody, PAGING_DESCRIPTION } from '../common/page';
import { RunPreviewService, type RunPreview } from './run-preview.service';
import { RunReportsService, type RunProgressView, type RunSummaryView } from './run-reports.service';
import { CreateRunDto, ListRunsQuery, ReasonDto, runView, type RunView } from './runs.dto';
import { RunsService } from './runs.service';

const READERS = ['operator', 'approver', 'finance', 'auditor', 'admin'] as const;

/** Payment runs: request, preview, four-eyes approval, rejection, cancellation; progress and summary. */
@ApiTags('runs')
@ApiBearerAuth()
@Controller('runs')
export class RunsController {
  constructor(
    private readonly runs: RunsService,
    private readonly previews: RunPreviewService,
    private readonly reports: RunReportsService,
  ) {}

  @Post()
  @Roles('operator')
  @ApiOperation({ summary: 'Request the payment run of a month for a scope (RunRequested goes to eligibility)' })
  async create(@CurrentUser() user: AuthUser, @Body() body: CreateRunDto, @Req() request: Request & { id?: unknown }): Promise<RunView> {
    const correlationId = typeof request.id === 'string' ? request.id : undefined;
    return runView(await this.runs.create(user, body.month, body.scope, correlationId));
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Runs, the newest first, 50 a page unless `limit` says otherwise (at most 500)',
    description: PAGING_DESCRIPTION,
  })
  async list(@Query() query: ListRunsQuery): Promise<{ runs: RunView[]; nextCursor?: string }> {
    const { month, status, limit, cursor } = query;
    return pageBody('runs', await this.runs.list({ month, status, limit, cursor }));
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A run with every change of its status: when, by whom, why' })
  async get(@Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return runView(await this.runs.get(id), await this.runs.history(id));
  }

  @Get(':id/preview')
  @Roles(...READERS)
  @AuditRead('run-preview')
  @ApiOperation({
    summary: 'Counts and totals by programme, commune and channel; new, stopped and changed; exceptions',
    description:
      "The run's figures are the whole run's; the persons listed (and their counts) are of the programmes you read. " +
      '403 SCOPE_FORBIDDEN for a token limited to communes when the run covers the whole province or any commune outside them.',
  })
  preview(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RunPreview> {
    return this.previews.preview(user, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('approver')
  @FourEyesDecision('run.approve')
  @ApiOperation({
    summary: 'Approve the preview: a second person, never the one who requested the run (403 FOUR_EYES); not once inputs arrived after the preview (409 RUN_INPUTS_CHANGED)',
  })
  async approve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return runView(await this.runs.approve(user, id));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver')
  @FourEyesDecision('run.reject')
  @ApiOperation({ summary: 'Reject the preview, with a reason; the obligations are freed for another run' })
  async reject(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto): Promise<RunView> {
    return runView(await this.runs.reject(user, id, body.reason));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('operator', 'approver', 'admin')
  @ApiOperation({ summary: 'Cancel a run before its release' })
  async cancel(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReasonDto): Promise<RunView> {
    return runView(await this.runs.cancel(user, id, body.reason));
  }

  @Get(':id/progress')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Batches and payments by status, share of payments final' })
  progress(@Param('id', ParseUUIDPipe) id: string): Promise<RunProgressView> {
    return this.reports.progress(id);
  }

  @Get(':id/summary')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Counts and totals by outcome, programme and channel' })
  summary(@Param('id', ParseUUIDPipe) id: string): Promise<RunSummaryView> {
    return this.reports.summary(id);
  }
}
