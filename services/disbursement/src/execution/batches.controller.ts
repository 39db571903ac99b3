import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import { pageBody, PageQuery, PAGING_DESCRIPTION } from '../common/page';
import { ReasonDto } from '../runs/runs.dto';
import { BatchesService, type BatchView } from './batches.service';
import type { BatchStatus } from './domain/batch-status';

const BATCH_STATUSES: readonly BatchStatus[] = ['PLANNED', 'SENDING', 'ACKNOWLEDGED', 'REJECTED', 'ATTENTION', 'FINAL'];

export class BatchesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BATCH_STATUSES }) @IsOptional() @IsIn(BATCH_STATUSES) status?: BatchStatus;
  @ApiPropertyOptional({ description: 'run id' }) @IsOptional() @IsUUID() runId?: string;
  @ApiPropertyOptional({ enum: ['true'], description: 'only the batches not final whose lastError says what is wrong (outcomes past due, a report unreadable, the partner unreachable)' })
  @IsOptional()
  @IsIn(['true'])
  withError?: 'true';
}

@ApiTags('runs')
@ApiBearerAuth()
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  @Roles('operator', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Partner batches, the newest first, 200 a page unless `limit` says otherwise (at most 500): `?status=ATTENTION` for those waiting for a person, with why',
    description: `\`detail\` is the last change's reason (the partner's answer, digits masked); \`cameFrom\` the status before it. ${PAGING_DESCRIPTION}`,
  })
  async list(@Query() query: BatchesQuery): Promise<{ batches: BatchView[]; nextCursor?: string }> {
    const { status, runId, limit, cursor } = query;
    return pageBody('batches', await this.batches.list({ status, runId, withError: query.withError === 'true', limit, cursor }));
  }

  @Post(':batchId/send-again')
  @HttpCode(200)
  @Roles('operator', 'approver')
  @ApiOperation({
    summary: 'Send again a batch in ATTENTION whose file the partner neither took nor refused, once checked with the partner: the same stored file, under the same id',
    description:
      'A partner that took the file the first time answers with its replay: nothing is paid twice. 409 INVALID_BATCH_STATE for a batch not in ATTENTION, ' +
      'or one the partner acknowledged before it needed attention (settled with the partner, never sent again from here). 404 BATCH_NOT_FOUND. ' +
      "403 SCOPE_FORBIDDEN when the batch's run is outside your programmes, province or communes.",
  })
  sendAgain(@CurrentUser() user: AuthUser, @Param('batchId') batchId: string, @Body() body: ReasonDto): Promise<BatchView> {
    return this.batches.sendAgain(user, batchId, body.reason);
  }

  @Post(':batchId/watch-again')
  @HttpCode(200)
  @Roles('operator', 'approver')
  @ApiOperation({
    summary: 'Watch again a batch in ATTENTION that the partner holds after all (it acknowledged it, then no longer knew it, or refused it as a duplicate), once the partner confirms it holds the file',
    description:
      'ATTENTION → ACKNOWLEDGED: its payments are sent, and its outcomes are polled again (back to ATTENTION if the partner does not know it). Also for a file the bank ' +
      'refused as a duplicate at its sending (an attempt that timed out here delivered it; sent again, it is refused again). 409 INVALID_BATCH_STATE for a batch not in ' +
      'ATTENTION. 404 BATCH_NOT_FOUND. 403 SCOPE_FORBIDDEN outside your scope.',
  })
  watchAgain(@CurrentUser() user: AuthUser, @Param('batchId') batchId: string, @Body() body: ReasonDto): Promise<BatchView> {
    return this.batches.watchAgain(user, batchId, body.reason);
  }

  @Post(':batchId/declare-lost')
  @HttpCode(200)
  @Roles('approver')
  @ApiOperation({
    summary: 'Declare lost a batch in ATTENTION that the partner acknowledged and then lost, once the partner confirms it paid nothing of it',
    description:
      'ATTENTION → REJECTED: each of its payments still without an outcome is rejected (reason BATCH_LOST), the beneficiary and entitlement told. Nothing is sent: ' +
      'each payment can then be re-sent (POST /payments/{id}/resend, four eyes; refused for one a bank statement shows debited). 409 INVALID_BATCH_STATE for a batch ' +
      'not in ATTENTION, or one the partner never acknowledged. 404 BATCH_NOT_FOUND. 403 SCOPE_FORBIDDEN outside your scope.',
  })
  declareLost(@CurrentUser() user: AuthUser, @Param('batchId') batchId: string, @Body() body: ReasonDto): Promise<BatchView> {
    return this.batches.declareLost(user, batchId, body.reason);
  }
}
