import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import { RegisteredDto, RegisterPersonDto } from './register.dto';
import { RegisterService } from './register.service';

@ApiTags('register')
@ApiBearerAuth()
@Controller('persons')
export class RegisterController {
  constructor(private readonly register: RegisterService) {}

  @Post()
  @Roles('operator', 'admin')
  @ApiOperation({
    summary: 'Register a person with one decision and a payment destination (a single change; files go to POST /imports)',
    description: 'A person already in the register (same ID number) keeps their data; only the new decision is added.',
  })
  @ApiResponse({ status: 201, type: RegisteredDto })
  @ApiResponse({ status: 409, description: 'ALREADY_IN_REGISTER: the person already has this decision' })
  @ApiResponse({ status: 422, description: 'INVALID_REGISTER_DATA: details.problems lists field, code and reason' })
  @ApiResponse({ status: 429, description: 'RATE_LIMITED: too many answers this hour that an ID number is not the user\'s to see (NATIONAL_ID_MISSES_PER_HOUR)' })
  create(@Body() dto: RegisterPersonDto, @CurrentUser() user: AuthUser): Promise<RegisteredDto> {
    return this.register.register(dto, user);
  }
}
