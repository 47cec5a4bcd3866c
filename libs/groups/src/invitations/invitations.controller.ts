import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreateInvitationDto } from '../dto/group.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups/:groupId/invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @ApiOperation({
    summary: 'Invite someone by email (owners, moderators); the mail carries a single-use token',
  })
  create(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: CreateInvitationDto,
  ) {
    return this.invitations.create(caller, groupId, dto.email, dto.role);
  }

  @Get()
  @ApiOperation({ summary: 'Open and past invitations of a group (owners, moderators)' })
  list(@CurrentUser() caller: Caller, @Param('groupId', UuidPipe) groupId: string) {
    return this.invitations.list(caller, groupId);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an open invitation' })
  async revoke(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('invitationId', UuidPipe) invitationId: string,
  ): Promise<void> {
    await this.invitations.revoke(caller, groupId, invitationId);
  }
}
