import { Body, Controller, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import { TerminateDecisionDto, TerminationResultDto } from './termination.dto';
import { TerminationService } from './termination.service';

@ApiTags('life events')
@ApiBearerAuth()
@Controller('persons/:personRef/decisions')
export class TerminationController {
  constructor(private readonly terminations: TerminationService) {}

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
}
