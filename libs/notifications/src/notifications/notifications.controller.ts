import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser } from '@runde/identity';
import { UuidPipe } from '@runde/platform';
import { NotificationsQueryDto } from '../dto/notifications-query.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: 'The caller’s notifications, latest activity first (?unread=true: unread only)' })
  list(@CurrentUser() caller: Caller, @Query() query: NotificationsQueryDto) {
    return this.notifications.list(caller, query);
  }

  @Get('unread-count')
  @ApiOperation({ summary: 'How many of the caller’s notifications are unread: {count}' })
  unreadCount(@CurrentUser() caller: Caller) {
    return this.notifications.unreadCount(caller);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark every notification of the caller read: {updated}' })
  readAll(@CurrentUser() caller: Caller) {
    return this.notifications.markAllRead(caller);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one notification read (idempotent); someone else’s is 404' })
  read(@CurrentUser() caller: Caller, @Param('id', UuidPipe) id: string) {
    return this.notifications.markRead(caller, id);
  }
}
