import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { AddMemberDto, ChangeRoleDto, MembersQueryDto } from '../dto/group.dto';
import { MembersService } from './members.service';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups/:groupId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({
    summary: 'Members with roles and organisations (any member of the group); ?q= by name or organisation',
  })
  list(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Query() query: MembersQueryDto,
  ) {
    return this.members.list(caller, groupId, query.limit, query.cursor, query.q);
  }

  @Post()
  @ApiOperation({ summary: 'Add a member (owners, moderators; only owners grant owner/moderator)' })
  add(@CurrentUser() caller: Caller, @Param('groupId', UuidPipe) groupId: string, @Body() dto: AddMemberDto) {
    return this.members.add(caller, groupId, dto.userId, dto.role);
  }

  @Patch(':userId')
  @ApiOperation({ summary: 'Change a member’s role (owners); the last owner cannot be demoted' })
  changeRole(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() dto: ChangeRoleDto,
  ) {
    return this.members.changeRole(caller, groupId, userId, dto.role);
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member, or leave the group (own id); the last owner cannot be removed' })
  async remove(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Param('userId', UuidPipe) userId: string,
  ): Promise<void> {
    await this.members.remove(caller, groupId, userId);
  }
}
