import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditRead, CurrentUser, LookupLimit, Roles, type AuthUser } from '@benefits/platform';
import { PersonRunView, RecoveriesQuery, RecoveryPageView, RunSummaryView } from './run-view.dto';
import { RunsQuery } from './runs.query';

@ApiTags('runs')
@ApiBearerAuth()
@Controller()
export class RunsController {
  constructor(private readonly query: RunsQuery) {}

  @Get('runs/:runId/summary')
  // It lists the persons left unpaid and why (of the programmes and communes the reader reads): who read them is in the trail.
  @AuditRead('run-summary')
  @Roles('operator', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: 'Count and total per programme, arrears, recoveries and the persons left unpaid (unpriced, invalid; those of the programmes and, for a token limited to communes, the communes you read)' })
  @ApiOkResponse({ type: RunSummaryView })
  @ApiNotFoundResponse()
  summary(@CurrentUser() user: AuthUser, @Param('runId', ParseUUIDPipe) runId: string): Promise<RunSummaryView> {
    return this.query.summary(user, runId);
  }

  @Get('runs/:runId/persons/:personRef')
  @AuditRead('person')
  @LookupLimit()
  @Roles('operator', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: 'What a person is paid in a run, component by component, with a readable explanation (of the programmes you read; 404 for a person of another programme or, for a token limited to communes, of another commune)' })
  @ApiOkResponse({ type: PersonRunView })
  @ApiNotFoundResponse()
  person(@CurrentUser() user: AuthUser, @Param('runId', ParseUUIDPipe) runId: string, @Param('personRef', ParseUUIDPipe) personRef: string): Promise<PersonRunView> {
    return this.query.person(user, runId, personRef);
  }

  @Get('recoveries')
  @AuditRead('recovery')
  @Roles('finance', 'auditor', 'operator', 'admin')
  @ApiOperation({ summary: 'Overpayments to recover (late deaths, rates lowered) of the programmes and, for a token limited to communes, the communes you read, oldest first' })
  @ApiOkResponse({ type: RecoveryPageView })
  recoveries(@CurrentUser() user: AuthUser, @Query() query: RecoveriesQuery): Promise<RecoveryPageView> {
    return this.query.recoveries(user, query);
  }
}
