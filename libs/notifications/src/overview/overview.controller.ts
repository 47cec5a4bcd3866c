import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { OverviewService } from './overview.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('overview')
  @ApiOperation({
    summary:
      'The start page: unread threads in the caller’s groups (last 30 days), unread notifications, drafts that ' +
      'concern them (started, commented, suggested, or in their groups in consultation or new), and the streams ' +
      'whose events change it',
  })
  get(@CurrentUser() caller: Caller) {
    return this.overview.of(caller);
  }
}
