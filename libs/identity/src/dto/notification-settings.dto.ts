import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, ValidateIf, ValidateNested } from 'class-validator';
import { IsOmittable } from '@runde/platform';
import { EMAIL_DELIVERIES, type EmailDelivery } from '../notification-settings/notification-categories';

export class NotificationChannelsDto {
  @ApiProperty({ description: 'Shown in the app (bell, list, live)' })
  @IsBoolean()
  inApp: boolean;

  @ApiPropertyOptional({
    description:
      'Also sent by e-mail (true: at once, unless a digest is chosen; false: no mails). Required unless emailDelivery is given',
  })
  @ValidateIf((o: NotificationChannelsDto) => o.emailDelivery === undefined || o.email !== undefined)
  @IsBoolean()
  email?: boolean;

  @ApiPropertyOptional({
    enum: EMAIL_DELIVERIES,
    description:
      'How mails go: immediate (one per notice), daily or weekly (one digest at the digest hour, GET /me/mail-preferences), none. Wins over email',
  })
  @IsOmittable()
  @IsIn(EMAIL_DELIVERIES)
  emailDelivery?: EmailDelivery;
}

/** A category's channels: may be left out, else an object with both booleans. */
const channels = () =>
  applyDecorators(
    IsOmittable(),
    IsObject(),
    ValidateNested(),
    Type(() => NotificationChannelsDto),
  );

/** The categories to change; those left out keep their setting. */
export class UpdateNotificationSettingsDto {
  @ApiPropertyOptional({ type: NotificationChannelsDto, description: 'Someone mentions me (@name)' })
  @channels()
  mentions?: NotificationChannelsDto;

  @ApiPropertyOptional({ type: NotificationChannelsDto, description: 'Replies to my posts' })
  @channels()
  replies?: NotificationChannelsDto;

  @ApiPropertyOptional({
    type: NotificationChannelsDto,
    description: 'New posts in threads and topics I follow',
  })
  @channels()
  followedThreads?: NotificationChannelsDto;

  @ApiPropertyOptional({
    type: NotificationChannelsDto,
    description: 'Comments, suggestions and decisions on strategy drafts',
  })
  @channels()
  drafts?: NotificationChannelsDto;

  @ApiPropertyOptional({
    type: NotificationChannelsDto,
    description: 'Moderation: flags for moderators, hidden or restored posts for their authors',
  })
  @channels()
  moderation?: NotificationChannelsDto;

  @ApiPropertyOptional({
    type: NotificationChannelsDto,
    description: 'Organisation: requests to belong (for its admins), decisions on one’s own membership',
  })
  @channels()
  organisation?: NotificationChannelsDto;

  @ApiPropertyOptional({
    type: NotificationChannelsDto,
    description:
      'Consultation rounds: a round addressed to my organisation, its extension and publication; statements released in my rounds (a reminder of a Frist is always mailed)',
  })
  @channels()
  consultations?: NotificationChannelsDto;

  @ApiPropertyOptional({
    type: NotificationChannelsDto,
    description: 'The needs radar: a new signal (for the ministry’s people, who follow the radar)',
  })
  @channels()
  needs?: NotificationChannelsDto;
}
