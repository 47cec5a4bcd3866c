import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { OrganisationMembers } from './organisation-members.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/organisations')
export class MyOrganisationsController {
  constructor(private readonly members: OrganisationMembers) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s own membership and open requests, with their organisations' })
  list(@CurrentUser() caller: Caller) {
    return this.members.mine(caller.id);
  }
}
