import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { UpdateNotificationSettingsDto } from '../dto/notification-settings.dto';
import { NotificationSettingsService } from './notification-settings.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @ApiOperation({
    summary:
      'Per category (mentions, replies, followedThreads, drafts, moderation, organisation): {inApp, email}; default in the app, no e-mail',
  })
  get(@CurrentUser() caller: Caller) {
    return this.settings.get(caller.id);
  }

  @Put()
  @ApiOperation({ summary: 'Change the categories given (each {inApp, email}); the others keep theirs' })
  update(@CurrentUser() caller: Caller, @Body() dto: UpdateNotificationSettingsDto) {
    return this.settings.update(caller.id, dto);
  }
}
