import { Body, Controller, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import { AmendDecisionDto, AmendmentResultDto } from './amendment.dto';
import { AmendmentService } from './amendment.service';
import { TerminateDecisionDto, TerminationResultDto } from './termination.dto';
import { TerminationService } from './termination.service';

@ApiTags('life events')
@ApiBearerAuth()
@Controller('persons/:personRef/decisions')
export class TerminationController {
  constructor(
    private readonly terminations: TerminationService,
    private readonly amendments: AmendmentService,
  ) {}

  @Post(':decisionId/terminate')
  @Roles('operator', 'admin')
  @ApiOperation({
    summary: 'Terminate one decision (the decision ending the benefit: number, signing level and date, last day paid, reason code)',
    description:
      'Appends a terminated status from the day after effectiveTo (the old status rows stay): the month of effectiveTo is paid, the months ' +
      'after are not (why-not reason TERMINATED with decisionReasonCode). A decision is terminated once. Publishes LifeEventRecorded ' +
      '(kind decision_terminated). The operator\'s programmes and communes must hold the person.',
  })
  @ApiResponse({ status: 201, type: TerminationResultDto })
  @ApiResponse({ status: 403, description: 'PROGRAMME_NOT_ALLOWED, COMMUNE_NOT_ALLOWED (details.communeCode), PROVINCE_NOT_ALLOWED' })
  @ApiResponse({ status: 404, description: 'PERSON_NOT_FOUND, DECISION_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DECISION_ALREADY_TERMINATED: details.terminatedFrom, details.reasonCode' })
  @ApiResponse({ status: 422, description: 'INVALID_TERMINATION: details.problems lists field, code and reason' })
  terminate(
    @Param('personRef', new ParseUUIDPipe()) personRef: string,
    @Param('decisionId', new ParseUUIDPipe()) decisionId: string,
    @Body() dto: TerminateDecisionDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request & { id?: string },
  ): Promise<TerminationResultDto> {
    return this.terminations.terminate(personRef, decisionId, dto, { source: 'api', recordedBy: user.id, correlationId: String(request.id ?? decisionId), user });
  }

  @Post(':decisionId/amend')
  @Roles('operator', 'admin')
  @ApiOperation({
    summary: 'Amend one decision from the 1st of a month (the amending decision: number, signing level and date, and the facts it changes)',
    description:
      'Keeps history: the amended decision is terminated from effectiveFrom (reason AMENDED; it pays up to the month before) and an amending ' +
      'decision continues it with the new facts (group, certificate date, injury rate, children, studies, end), paid from the month of ' +
      'effectiveFrom. A backdated amendment is settled by the next run: arrears, or a recovery, for the difference only. Publishes ' +
      'LifeEventRecorded (kind decision_terminated, details.amendedBy). The operator\'s programmes and communes must hold the person.',
  })
  @ApiResponse({ status: 201, type: AmendmentResultDto })
  @ApiResponse({ status: 403, description: 'PROGRAMME_NOT_ALLOWED, COMMUNE_NOT_ALLOWED (details.communeCode), PROVINCE_NOT_ALLOWED' })
  @ApiResponse({ status: 404, description: 'PERSON_NOT_FOUND, DECISION_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DECISION_ALREADY_TERMINATED (terminated or already amended), ALREADY_IN_REGISTER (the amending number is taken)' })
  @ApiResponse({ status: 422, description: 'INVALID_AMENDMENT: details.problems lists field, code and reason' })
  amend(
    @Param('personRef', new ParseUUIDPipe()) personRef: string,
    @Param('decisionId', new ParseUUIDPipe()) decisionId: string,
    @Body() dto: AmendDecisionDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request & { id?: string },
  ): Promise<AmendmentResultDto> {
    return this.amendments.amend(personRef, decisionId, dto, { source: 'api', recordedBy: user.id, correlationId: String(request.id ?? decisionId), user });
  }
}
