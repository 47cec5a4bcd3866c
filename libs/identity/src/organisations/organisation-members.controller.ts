import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidPipe } from '@runde/platform';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { SetOrganisationRoleDto } from './dto/set-organisation-role.dto';
import { OrganisationMembers } from './organisation-members.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations/:orgId')
export class OrganisationMembersController {
  constructor(private readonly members: OrganisationMembers) {}

  @Post('membership-requests')
  @ApiOperation({ summary: 'Ask to belong to the organisation (its admins confirm)' })
  request(@CurrentUser() caller: Caller, @Param('orgId', UuidPipe) orgId: string) {
    return this.members.request(caller, orgId);
  }

  @Get('members')
  @ApiOperation({ summary: 'Requests and members (the organisation’s admins, platform admins)' })
  list(@CurrentUser() caller: Caller, @Param('orgId', UuidPipe) orgId: string) {
    return this.members.list(caller, orgId);
  }

  @Put('members/:userId')
  @ApiOperation({
    summary: 'Confirm a request with a role, or change a role (admins); the last admin stays',
  })
  setRole(
    @CurrentUser() caller: Caller,
    @Param('orgId', UuidPipe) orgId: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: SetOrganisationRoleDto,
  ) {
    return this.members.setRole(caller, orgId, userId, dto.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Decline a request or remove a member (admins); withdraw or leave (own id)' })
  async remove(
    @CurrentUser() caller: Caller,
    @Param('orgId', UuidPipe) orgId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    await this.members.remove(caller, orgId, userId);
  }
}
