import { Module } from '@nestjs/common';
import { TrackedChangesController } from './changes/tracked-changes.controller';
import { TrackedChangesService } from './changes/tracked-changes.service';
import { CommentsController } from './comments/comments.controller';
import { CommentsService } from './comments/comments.service';
import { DraftDocStore } from './doc/draft-doc-store';
import { DraftLog } from './doc/draft-log';
import { DraftWriter } from './doc/draft-writer';
import { DraftScopes } from './draft-scopes';
import { DraftReader } from './drafts/draft-reader';
import { DraftWorkflowService } from './drafts/draft-workflow.service';
import { DraftsController } from './drafts/drafts.controller';
import { DraftsService } from './drafts/drafts.service';
import { EditPolicyController } from './drafts/edit-policy.controller';
import { EditPolicyService } from './drafts/edit-policy.service';
import { ExportService } from './export/export.service';
import { OfficeConverter } from './export/office-converter';
import { DraftCompactor } from './jobs/draft-compactor';
import { DraftJobs } from './jobs/draft-jobs';
import { DraftTextSettler } from './jobs/draft-text-settler';
import { DraftUpdateAnnouncer } from './jobs/draft-update-announcer';
import { DraftSyncService } from './live/draft-sync.service';
import { DraftUpdateBus } from './live/draft-update-bus';
import { NumberingController } from './numbering/numbering.controller';
import { NumberingService } from './numbering/numbering.service';
import { DraftsPersonalData } from './privacy/drafts-personal-data';
import { RevisionWriter } from './revisions/revision-writer';
import { RevisionsController } from './revisions/revisions.controller';
import { RevisionsService } from './revisions/revisions.service';
import { SuggestionsController } from './suggestions/suggestions.controller';
import { SuggestionsService } from './suggestions/suggestions.service';

/**
 * Strategy drafts: one Yjs document per draft, co-edited live (through DraftSyncService, which the realtime
 * gateway calls) and over REST, with revisions, anchored comments, suggestions, the workflow and export. In the
 * worker it also handles the drafts' jobs (coalesced `draft.updated`, compaction).
 */
@Module({
  controllers: [
    DraftsController,
    RevisionsController,
    CommentsController,
    SuggestionsController,
    NumberingController,
    EditPolicyController,
    TrackedChangesController,
  ],
  providers: [
    DraftScopes,
    DraftLog,
    DraftDocStore,
    DraftUpdateBus,
    DraftJobs,
    DraftWriter,
    DraftSyncService,
    DraftReader,
    DraftsService,
    DraftWorkflowService,
    RevisionWriter,
    RevisionsService,
    CommentsService,
    SuggestionsService,
    EditPolicyService,
    TrackedChangesService,
    ExportService,
    OfficeConverter,
    DraftUpdateAnnouncer,
    DraftTextSettler,
    DraftCompactor,
    DraftsPersonalData,
    NumberingService,
  ],
  exports: [
    DraftSyncService,
    DraftCompactor,
    DraftDocStore,
    // For consultation rounds: their Synopse (the consulted text, documents) and proposals applied as tracked changes.
    DraftWriter,
    RevisionsService,
    OfficeConverter,
  ],
})
export class DraftsModule {}
