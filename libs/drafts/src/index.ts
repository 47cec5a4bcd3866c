export * from './entities/draft.entity';
export * from './entities/draft-update.entity';
export * from './entities/draft-snapshot.entity';
export * from './entities/draft-revision.entity';
export * from './entities/draft-comment.entity';
export * from './entities/draft-suggestion.entity';
export * from './entities/draft-decision.entity';
export * from './entities/draft-announcement.entity';
export * from './entities/draft-change-decision.entity';

import { DraftCommentEntity } from './entities/draft-comment.entity';
import { DraftDecisionEntity } from './entities/draft-decision.entity';
import { DraftRevisionEntity } from './entities/draft-revision.entity';
import { DraftSnapshotEntity } from './entities/draft-snapshot.entity';
import { DraftSuggestionEntity } from './entities/draft-suggestion.entity';
import { DraftUpdateEntity } from './entities/draft-update.entity';
import { DraftEntity } from './entities/draft.entity';
import { DraftAnnouncementEntity } from './entities/draft-announcement.entity';
import { DraftChangeDecisionEntity } from './entities/draft-change-decision.entity';
export const DRAFTS_ENTITIES = [
  DraftEntity,
  DraftUpdateEntity,
  DraftSnapshotEntity,
  DraftRevisionEntity,
  DraftCommentEntity,
  DraftSuggestionEntity,
  DraftDecisionEntity,
  DraftAnnouncementEntity,
  DraftChangeDecisionEntity,
];
export * from './drafts.module';
export * from './live/draft-sync.service';
export { DraftsService } from './drafts/drafts.service';
export { RevisionsService } from './revisions/revisions.service';
export { CommentsService } from './comments/comments.service';
export { SuggestionsService } from './suggestions/suggestions.service';
export type { DraftUpdateListener } from './live/draft-update-bus';
export { MAX_UPDATE_BYTES, CONTENT as DRAFT_TEXT_NAME } from './doc/yjs-codec';
export { DraftDocStore } from './doc/draft-doc-store';
export { DraftWriter } from './doc/draft-writer';
export { blocksOf, type DraftBlock } from './numbering/numbering.service';
export { assertMayEditText, editModeFor, editorRoleOf, type DraftRules } from './drafts/edit-policy';
export { OfficeConverter, type OfficeFormat } from './export/office-converter';
export { attachment } from './export/export-filename';
export { DraftCompactor } from './jobs/draft-compactor';
export { DraftUpdateAnnouncer } from './jobs/draft-update-announcer';
export { DraftTextSettler } from './jobs/draft-text-settler';
export { COMPACT_EVERY, compactionMark, DraftJobs } from './jobs/draft-jobs';
export type { DraftView } from './views';
