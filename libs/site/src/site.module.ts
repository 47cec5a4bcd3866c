import { Module } from '@nestjs/common';
import { AccessibilityFeedbackService } from './accessibility-feedback.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';

/**
 * What runde offers outside the app's screens: the accessibility statement with its feedback form, and each
 * person's calendar feed of deadlines.
 */
@Module({
  controllers: [CalendarController],
  providers: [AccessibilityFeedbackService, CalendarService],
  exports: [AccessibilityFeedbackService, CalendarService],
})
export class SiteModule {}
