import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentUser, FourEyesDecision, Roles, type AuthUser } from '@benefits/platform';
import { ListTableVersionsQuery, ProposeTableVersionDto, RejectTableVersionDto, TableVersionView } from './rate-table.dto';
import { RateTablesService } from './rate-tables.service';

@ApiTags('rate-tables')
@ApiBearerAuth()
@Controller('rate-tables')
export class RateTablesController {
  constructor(private readonly service: RateTablesService) {}

  @Get()
  @Roles('operator', 'approver', 'finance', 'auditor', 'admin')
  @ApiOperation({ summary: 'Every version of every rate table, newest first, with its status' })
  @ApiOkResponse({ type: [TableVersionView] })
  list(@Query() query: ListTableVersionsQuery): Promise<TableVersionView[]> {
    return this.service.list(query);
  }

  @Get(':id')
  @Roles('operator', 'approver', 'finance', 'auditor', 'admin')
  @ApiOkResponse({ type: TableVersionView })
  get(@Param('id') id: string): Promise<TableVersionView> {
    return this.service.get(id);
  }

  @Post()
  @Roles('operator', 'admin')
  @ApiOperation({ summary: 'Propose a new version (a decree published, a correction); it needs a second person to approve' })
  @ApiCreatedResponse({ type: TableVersionView })
  @ApiUnprocessableEntityResponse({ description: 'INVALID_TABLE_VERSION with every issue (overlapping periods, unpriced groups, reaching into the months of a version that starts later ...)' })
  propose(@Body() dto: ProposeTableVersionDto, @CurrentUser() user: AuthUser): Promise<TableVersionView> {
    return this.service.propose(dto, user);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('approver')
  @FourEyesDecision('rate-table.approve')
  @ApiOperation({ summary: 'Approve a proposed version: it enters the rate book now' })
  @ApiOkResponse({ type: TableVersionView })
  @ApiForbiddenResponse({ description: 'FOUR_EYES: the proposer cannot approve' })
  @ApiUnprocessableEntityResponse({ description: 'INVALID_TABLE_VERSION against the book as it is now' })
  approve(@Param('id') id: string, @CurrentUser() user: AuthUser): Promise<TableVersionView> {
    return this.service.approve(id, user);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('approver')
  @FourEyesDecision('rate-table.reject')
  @ApiOkResponse({ type: TableVersionView })
  reject(@Param('id') id: string, @Body() dto: RejectTableVersionDto, @CurrentUser() user: AuthUser): Promise<TableVersionView> {
    return this.service.reject(id, user, dto.reason);
  }
}
