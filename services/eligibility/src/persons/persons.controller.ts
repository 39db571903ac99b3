import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AuditRead, CurrentUser, LookupLimit, Roles, type AuthUser } from '@benefits/platform';
import { DecisionViewDto, EligibilityViewDto, MonthQueryDto, PersonDetailDto, PersonSearchDto, PersonSearchPageDto } from './persons.dto';
import { PersonsService } from './persons.service';

const READERS = ['operator', 'approver', 'auditor', 'admin'] as const;

/**
 * Every endpoint here returns personal data: each call is audited as a read and counts against the look-up limit,
 * and reads only the files the reader's province or communes hold (as for writes). An operator reads the decisions
 * of their own programmes only.
 */
@ApiTags('persons')
@ApiBearerAuth()
@AuditRead('person')
@LookupLimit()
@Controller('persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post('search')
  @HttpCode(200)
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Find persons by ID number (exact), name (part, diacritics optional) or commune of residence; ID numbers come back masked',
    description: 'Pages in name order: send the nextCursor of a page back, with the same search, for the next one.',
  })
  @ApiResponse({ status: 200, type: PersonSearchPageDto })
  @ApiResponse({ status: 422, description: 'INVALID_REGISTER_DATA: no nationalId, name or communeCode (REQUIRED), or a cursor not given by a page of this search (INVALID_CURSOR); details.problems' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED: too many look-ups, or too many searches by an ID number that found nobody this hour (NATIONAL_ID_MISSES_PER_HOUR)' })
  search(@CurrentUser() user: AuthUser, @Body() query: PersonSearchDto): Promise<PersonSearchPageDto> {
    return this.persons.search(user, query);
  }

  @Get(':personRef')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A person with residences, household poverty, decisions with status history, destinations (masked) and life events' })
  @ApiResponse({ status: 200, type: PersonDetailDto })
  @ApiResponse({ status: 404, description: 'PERSON_NOT_FOUND' })
  @ApiResponse({ status: 403, description: 'COMMUNE_NOT_ALLOWED, PROVINCE_NOT_ALLOWED: the file is held by a commune (province) not yours' })
  detail(@CurrentUser() user: AuthUser, @Param('personRef', new ParseUUIDPipe()) personRef: string): Promise<PersonDetailDto> {
    return this.persons.detail(user, personRef);
  }

  @Get(':personRef/decisions')
  @Roles(...READERS)
  @ApiOperation({ summary: "A person's decisions with their status history (an operator's: of their programmes)" })
  @ApiResponse({ status: 200, type: [DecisionViewDto] })
  decisions(@CurrentUser() user: AuthUser, @Param('personRef', new ParseUUIDPipe()) personRef: string): Promise<DecisionViewDto[]> {
    return this.persons.decisions(user, personRef);
  }

  @Get(':personRef/eligibility')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Why is this person (not) eligible in month M: each decision through the rules of the payment run, with the machine reason' })
  @ApiResponse({ status: 200, type: EligibilityViewDto })
  eligibility(@CurrentUser() user: AuthUser, @Param('personRef', new ParseUUIDPipe()) personRef: string, @Query() query: MonthQueryDto): Promise<EligibilityViewDto> {
    return this.persons.eligibility(user, personRef, query.month);
  }
}
