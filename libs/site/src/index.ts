import { AccessibilityFeedbackEntity } from './accessibility-feedback.entity';
import { CalendarFeedEntity } from './calendar/calendar-feed.entity';

export * from './accessibility-feedback.entity';
export * from './accessibility-feedback.service';
export * from './site.module';
export * from './statement-page';

export * from './calendar/calendar.service';
export * from './calendar/calendar-feed.entity';

export const SITE_ENTITIES = [AccessibilityFeedbackEntity, CalendarFeedEntity];
