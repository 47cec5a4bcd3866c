import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { CreateGroupDto, UpdateGroupDto } from './dto/group.dto';
import { GroupsService } from './groups.service';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Post()
  @ApiOperation({ summary: 'Create a working group; the creator is its owner' })
  create(@CurrentUser() caller: Caller, @Body() dto: CreateGroupDto) {
    return this.groups.create(caller, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's groups (platform admins: ?all=true for every group)" })
  @ApiQuery({ name: 'all', required: false, type: Boolean })
  list(@CurrentUser() caller: Caller, @Query('all') all?: string) {
    return this.groups.listFor(caller, all === 'true');
  }

  @Get(':groupId')
  @ApiOperation({ summary: 'A group with the caller’s role' })
  get(@CurrentUser() caller: Caller, @Param('groupId', UuidPipe) groupId: string) {
    return this.groups.get(caller, groupId);
  }

  @Patch(':groupId')
  @ApiOperation({ summary: 'Rename or describe a group (owners)' })
  update(
    @CurrentUser() caller: Caller,
    @Param('groupId', UuidPipe) groupId: string,
    @Body() dto: UpdateGroupDto,
  ) {
    return this.groups.update(caller, groupId, dto);
  }
}
