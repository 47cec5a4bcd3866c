import { NeedsAggregateEntity } from './entities/needs-aggregate.entity';
import { NeedsEntryEntity } from './entities/needs-entry.entity';
import { NeedsPeriodEntity } from './entities/needs-period.entity';
import { NeedsReminderEntity } from './entities/needs-reminder.entity';
import { NeedsReportEntity } from './entities/needs-report.entity';
import { NeedsReporterEntity } from './entities/needs-reporter.entity';
import { NeedsRoundEntity } from './entities/needs-round.entity';
import { NeedsRuleEntity } from './entities/needs-rule.entity';
import { NeedsSignalEntity } from './entities/needs-signal.entity';

export * from './fields';
export * from './needs.module';
export * from './needs.service';
export * from './needs-access';
export * from './needs-aggregator';
export * from './needs-signals';
export * from './needs-radar.service';
export * from './jobs/needs-scheduler';
export * from './periods';
export {
  NeedsAggregateEntity,
  NeedsEntryEntity,
  NeedsPeriodEntity,
  NeedsReminderEntity,
  NeedsReportEntity,
  NeedsReporterEntity,
  NeedsRoundEntity,
  NeedsRuleEntity,
  NeedsSignalEntity,
};

export const NEEDS_ENTITIES = [
  NeedsRoundEntity,
  NeedsReporterEntity,
  NeedsPeriodEntity,
  NeedsReportEntity,
  NeedsEntryEntity,
  NeedsAggregateEntity,
  NeedsSignalEntity,
  NeedsRuleEntity,
  NeedsReminderEntity,
];
