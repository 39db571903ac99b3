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
  @HttpCode(200)
  @Roles('approver', 'operator')
  @ApiOperation({ summary: 'Release an approved run: its partner batches go out as a BullMQ flow' })
  async release(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<RunView> {
    return runView(await this.releases.release(user, id));
  }
}
