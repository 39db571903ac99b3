import { Body, Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import { LifeEventDto, LifeEventResultDto } from './life-events.dto';
import { LifeEventsService } from './life-events.service';

@ApiTags('life events')
@ApiBearerAuth()
@Controller('persons/:personRef/life-events')
export class LifeEventsController {
  constructor(private readonly lifeEvents: LifeEventsService) {}

  @Post()
  @Roles('operator', 'admin')
  @ApiOperation({
    summary: 'Record a life event: death, move, suspension or resumption, end of studies, poverty status, payment destination',
    description:
      'Effective-dated; the rules of the month apply it (death stops from the month after, a move pays from the first day of a month, ' +
      'a resumption withArrears makes the suspended months payable). A death may name its funeral organiser, who is paid the funeral ' +
      'support (and anything else still paid for the deceased); reporting the death again with another organiser records them. ' +
      'Publishes LifeEventRecorded. A repeat changes nothing (200, changed=false).',
  })
  @ApiResponse({ status: 201, type: LifeEventResultDto })
  @ApiResponse({ status: 200, type: LifeEventResultDto, description: 'Nothing to change (already so)' })
  @ApiResponse({ status: 404, description: 'PERSON_NOT_FOUND, DECISION_NOT_FOUND' })
  @ApiResponse({ status: 409, description: 'DEATH_ALREADY_RECORDED: the death is on record with another date (details.recordedOn); a date of death is not changed once recorded' })
  @ApiResponse({ status: 422, description: 'INVALID_LIFE_EVENT: details.problems lists field, code and reason' })
  async record(
    @Param('personRef', new ParseUUIDPipe()) personRef: string,
    @Body() dto: LifeEventDto,
    @CurrentUser() user: AuthUser,
    @Req() request: Request & { id?: string },
    @Res({ passthrough: true }) response: Response,
  ): Promise<LifeEventResultDto> {
    const result = await this.lifeEvents.record(personRef, dto, { source: 'api', recordedBy: user.id, correlationId: String(request.id ?? personRef), user });
    response.status(result.changed ? 201 : 200);
    return result;
  }
}
