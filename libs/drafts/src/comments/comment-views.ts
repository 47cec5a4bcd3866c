import type * as Y from 'yjs';
import type { DraftCommentPayload, DraftSuggestionPayload, PersonPayload } from '@runde/events';
import type { DraftCommentEntity } from '../entities/draft-comment.entity';
import type { DraftSuggestionEntity } from '../entities/draft-suggestion.entity';
import { resolveAnchor } from './anchors';

export function commentPayload(
  c: DraftCommentEntity,
  author: PersonPayload,
  doc: Y.Doc | null,
): DraftCommentPayload {
  return {
    id: c.id,
    draftId: c.draftId,
    parentId: c.parentId,
    suggestionId: c.suggestionId,
    authorId: c.authorId,
    author,
    body: c.body,
    anchor:
      c.anchorStart && c.anchorEnd && doc
        ? resolveAnchor(doc, { start: c.anchorStart, end: c.anchorEnd, quote: c.quote ?? '' })
        : null,
    resolved: !!c.resolvedAt,
    resolvedBy: c.resolvedBy,
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

export function suggestionPayload(
  s: DraftSuggestionEntity,
  author: PersonPayload,
  doc: Y.Doc,
): DraftSuggestionPayload {
  return {
    id: s.id,
    draftId: s.draftId,
    authorId: s.authorId,
    author,
    anchor: resolveAnchor(doc, { start: s.anchorStart, end: s.anchorEnd, quote: s.quote }),
    replacement: s.replacement,
    rationale: s.rationale,
    status: s.status,
    createdAt: s.createdAt.toISOString(),
  };
}
