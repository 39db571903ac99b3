import { BadRequestException, Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import type pino from 'pino';
import { DataSource } from 'typeorm';
import { Iso20022Error, readPain002OriginalMsgId } from '@benefits/iso20022';
import { Public } from '@benefits/platform';
import { readRawBody } from '../common/raw-body';
import { selectOne } from '../common/sql';
import { LOGGER } from '../common/tokens';
import { JobDispatcher } from './job-dispatcher';

/** A pain.002 of a 1,000-payment file is a few hundred kB. */
const CALLBACK_MAX_BYTES = 20 * 1024 * 1024;

/**
 * Partners' callbacks (the bank's final pain.002 of a file, the post office's final settlement report): a nudge to
 * look at that batch's outcomes now instead of at the next poll. The body is never trusted: only the batch it names
 * is read from it, and the outcomes are then fetched from the partner over the same channel as every poll. So the
 * endpoint needs no token (partners call it), and a forged call costs one extra poll of a batch we already have.
 */
@ApiTags('partners')
@Controller('partners')
export class PartnerCallbacksController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: pino.Logger,
    private readonly jobs: JobDispatcher,
  ) {}

  @Post('bank/status-reports')
  @Public()
  @HttpCode(202)
  @ApiConsumes('application/xml')
  @ApiBody({ schema: { type: 'string' }, description: 'A pain.002 status report' })
  @ApiOperation({ summary: "The bank's callback: the file's outcomes are ready (the report is re-read from the bank, never taken from here)" })
  async bank(@Req() request: Request) {
    let msgId: string;
    try {
      msgId = readPain002OriginalMsgId(await readText(request));
    } catch (error) {
      if (error instanceof Iso20022Error) throw new BadRequestException(`not a pain.002: ${error.message}`);
      throw error;
    }
    return this.nudge(msgId, 'bank');
  }

  @Post('post-office/settlement-reports')
  @Public()
  @HttpCode(202)
  @ApiOperation({ summary: "The post office's callback: a list's settlement report is final (re-read from the post office)" })
  async postOffice(@Body() body: Record<string, unknown>) {
    if (typeof body?.batchId !== 'string' || body.batchId.length === 0 || body.batchId.length > 35) {
      throw new BadRequestException('batchId: the settlement report names its list');
    }
    return this.nudge(body.batchId, 'post_office');
  }

  private async nudge(batchId: string, partner: 'bank' | 'post_office'): Promise<{ accepted: true }> {
    const batch = await selectOne<{ run_id: string }>(
      this.dataSource.manager,
      `SELECT run_id FROM disbursement.partner_batches WHERE batch_id = $1 AND partner = $2 AND status = 'ACKNOWLEDGED'`,
      [batchId, partner],
    );
    if (batch) await this.jobs.pollNow(batch.run_id, batchId);
    else this.logger.info({ batchId, partner }, 'callback for a batch not awaiting outcomes: ignored');
    // The same answer either way: a caller learns nothing about which batches exist.
    return { accepted: true };
  }
}

async function readText(request: Request): Promise<string> {
  const body = await readRawBody(request, CALLBACK_MAX_BYTES, () => new BadRequestException(`a status report may have at most ${CALLBACK_MAX_BYTES} bytes`));
  return body.toString('utf8');
}
