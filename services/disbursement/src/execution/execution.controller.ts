import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthUser } from '@benefits/platform';
import { runView, type RunView } from '../runs/runs.dto';
import { ReleaseService } from './release.service';

@ApiTags('runs')
@ApiBearerAuth()
@Controller('runs')
export class ExecutionController {
  constructor(private readonly releases: ReleaseService) {}

  @Post(':id/release')
  @HttpCode(202)
  @Roles('approver', 'operator')
  @ApiOperation({
    summary: 'Release an approved run: answered at once with the run RELEASING; a job plans its partner batches (RELEASED) and they go out as a BullMQ flow (SENT)',
    description: 'Poll GET /runs/{id} for RELEASED, SENT and COMPLETED. 409 INVALID_RUN_STATE for a run that is not APPROVED (a second release of the same run included).',
  })
  async release(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return runView(await this.releases.release(user, id));
  }
}
