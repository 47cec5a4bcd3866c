import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Caller, CurrentUser, Public } from '@runde/identity';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('calendar/:file')
  @Public()
  @Header('content-type', 'text/calendar; charset=utf-8')
  @Header('cache-control', 'private, max-age=300')
  @ApiOperation({
    summary: 'A person’s private iCalendar feed of deadlines (the secret URL from POST /me/calendar)',
  })
  feed(@Param('file') file: string) {
    return this.calendar.feed(file.replace(/\.ics$/, ''));
  }

  @Get('me/calendar')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Whether the caller has a calendar feed' })
  status(@CurrentUser() caller: Caller) {
    return this.calendar.status(caller);
  }

  @Post('me/calendar')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A new secret calendar URL (the previous one stops working)' })
  issue(@CurrentUser() caller: Caller) {
    return this.calendar.issue(caller);
  }

  @Delete('me/calendar')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the calendar URL' })
  async revoke(@CurrentUser() caller: Caller) {
    await this.calendar.revoke(caller);
  }
}
