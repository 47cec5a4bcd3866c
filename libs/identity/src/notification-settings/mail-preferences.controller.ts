import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '../auth/caller';
import { CurrentUser } from '../auth/current-user.decorator';
import { UpdateMailPreferencesDto } from '../dto/mail-preferences.dto';
import { MailPreferencesService } from './mail-preferences.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me/mail-preferences')
export class MailPreferencesController {
  constructor(private readonly preferences: MailPreferencesService) {}

  @Get()
  @ApiOperation({
    summary:
      'When the daily and weekly digests go out: {timeZone, digestHour, digestWeekday}; default Europe/Berlin, 7, Monday',
  })
  get(@CurrentUser() caller: Caller) {
    return this.preferences.get(caller.id);
  }

  @Put()
  @ApiOperation({ summary: 'Change the time zone, digest hour or weekday (those given)' })
  update(@CurrentUser() caller: Caller, @Body() dto: UpdateMailPreferencesDto) {
    return this.preferences.update(caller.id, dto);
  }
}
