import { Module } from '@nestjs/common';
import { DiscussionModule } from '@runde/discussion';
import { NeedsIoController } from './io/needs-io.controller';
import { NeedsExports } from './io/needs-exports';
import { NeedsImport } from './io/needs-import';
import { NeedsScheduler } from './jobs/needs-scheduler';
import { NeedsAccess } from './needs-access';
import { NeedsAggregator } from './needs-aggregator';
import { NeedsController } from './needs.controller';
import { NeedsRadarService } from './needs-radar.service';
import { NeedsService } from './needs.service';
import { NeedsSignals } from './needs-signals';
import { NeedsStreams } from './needs-streams';

/**
 * The needs radar (Bedarfsradar): reporting rounds and periods, needs reports with Mitzeichnung and Fehlanzeige,
 * ad-hoc reports, completeness, roll-ups kept by the worker, and early signals.
 */
@Module({
  imports: [DiscussionModule],
  controllers: [NeedsController, NeedsIoController],
  providers: [
    NeedsAccess,
    NeedsService,
    NeedsRadarService,
    NeedsSignals,
    NeedsAggregator,
    NeedsScheduler,
    NeedsStreams,
    NeedsExports,
    NeedsImport,
  ],
  exports: [NeedsService, NeedsAggregator, NeedsScheduler, NeedsSignals],
})
export class NeedsModule {}
