import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import type { DraftCommentPayload } from '@runde/events';
import { streamName, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { DraftLog, DraftLogError } from '../doc/draft-log';
import { DraftWriter } from '../doc/draft-writer';
import { textOf } from '../doc/yjs-codec';
import { DraftReader } from '../drafts/draft-reader';
import { assertDiscussable, assertOpen } from '../drafts/draft-rules';
import { DraftCommentEntity } from '../entities/draft-comment.entity';
import { DraftSuggestionEntity } from '../entities/draft-suggestion.entity';
import { sectionAt, sectionsOf } from '../text/sections';
import { anchorRange, StoredAnchor } from './anchors';
import { commentPayload } from './comment-views';

export interface AnchorInput {
  start: number;
  end: number;
  /** The version the offsets refer to (default: the current one). */
  version?: number;
}

export interface CommentView extends DraftCommentPayload {
  section: string | null;
  replies: DraftCommentPayload[];
}

@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly writer: DraftWriter,
    private readonly log: DraftLog,
  ) {}

  async create(
    caller: Caller,
    draftId: string,
    input: { body: string; anchor?: AnchorInput; suggestionId?: string },
  ): Promise<DraftCommentPayload> {
    await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
    if (input.suggestionId) await this.suggestionOf(draftId, input.suggestionId);
    const anchor = input.anchor ? await this.anchor(draftId, input.anchor) : null;
    return this.add(caller, draftId, {
      body: input.body,
      parentId: null,
      suggestionId: input.suggestionId ?? null,
      anchor,
    });
  }

  /** A reply joins the thread of its root comment. */
  async reply(
    caller: Caller,
    draftId: string,
    commentId: string,
    body: string,
  ): Promise<DraftCommentPayload> {
    await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
    const parent = await this.comment(draftId, commentId);
    return this.add(caller, draftId, {
      body,
      parentId: parent.parentId ?? parent.id,
      suggestionId: parent.suggestionId,
      anchor: null,
    });
  }

  /** Its author, or the group's owners and moderators, resolve a comment thread. */
  async resolve(caller: Caller, draftId: string, commentId: string): Promise<DraftCommentPayload> {
    const access = await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const found = await this.comment(draftId, commentId);
    const root = found.parentId ? await this.comment(draftId, found.parentId) : found;
    if (!access.moderate) {
      if (!access.write)
        throw AppError.forbidden('Observers may read but not write here').because('READ_ONLY_ROLE');
      if (root.authorId !== caller.id)
        throw AppError.forbidden('Only its author, moderators and owners may resolve a comment').because(
          'AUTHOR_OR_MODERATORS_ONLY',
        );
    }
    const doc = await this.liveCopy(draftId);
    return this.uow.run(async (tx) => {
      assertOpen((await this.reader.lock(draftId, tx.manager)).status);
      const comment = await tx.manager.findOneByOrFail(DraftCommentEntity, { id: root.id });
      if (comment.resolvedAt) return this.payload(comment, doc);
      comment.resolvedAt = new Date();
      comment.resolvedBy = caller.id;
      await tx.manager.update(
        DraftCommentEntity,
        { id: comment.id },
        { resolvedAt: comment.resolvedAt, resolvedBy: caller.id },
      );
      const payload = await this.payload(comment, doc);
      tx.append(streamName('draft', draftId), 'draft.comment_resolved', { comment: payload }, caller.id);
      return payload;
    });
  }

  /** Comment threads, oldest first, each anchor resolved against the current text, with its section. */
  async list(caller: Caller, draftId: string): Promise<{ items: CommentView[]; nextCursor: null }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const rows = await this.dataSource
      .getRepository(DraftCommentEntity)
      .find({ where: { draftId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const people = await this.reader.people(rows.map((r) => r.authorId));
    const { payloads, sections } = await this.writer.read(draftId, (live) => ({
      payloads: rows.map((r) => commentPayload(r, people.get(r.authorId)!, live.doc)),
      sections: sectionsOf(textOf(live.doc)),
    }));
    const items: CommentView[] = payloads
      .filter((c) => !c.parentId)
      .map((c) => ({
        ...c,
        section: c.anchor && !c.anchor.detached ? (sectionAt(sections, c.anchor.start)?.title ?? null) : null,
        replies: payloads.filter((r) => r.parentId === c.id),
      }));
    return { items, nextCursor: null };
  }

  private async add(
    caller: Caller,
    draftId: string,
    input: {
      body: string;
      parentId: string | null;
      suggestionId: string | null;
      anchor: StoredAnchor | null;
    },
  ): Promise<DraftCommentPayload> {
    const doc = input.anchor ? await this.liveCopy(draftId) : null;
    return this.uow.run(async (tx) => {
      const draft = await this.reader.lock(draftId, tx.manager);
      assertDiscussable(draft.status, draft.consultationDeadline);
      const comment = await tx.manager.save(
        tx.manager.create(DraftCommentEntity, {
          draftId,
          parentId: input.parentId,
          suggestionId: input.suggestionId,
          authorId: caller.id,
          body: input.body,
          anchorStart: input.anchor ? Buffer.from(input.anchor.start) : null,
          anchorEnd: input.anchor ? Buffer.from(input.anchor.end) : null,
          quote: input.anchor?.quote ?? null,
          resolvedAt: null,
          resolvedBy: null,
        }),
      );
      const payload = await this.payload(comment, doc);
      tx.append(streamName('draft', draftId), 'draft.comment_added', { comment: payload }, caller.id);
      return payload;
    });
  }

  /** Anchors offsets of the current text, or of the text at an earlier `version` (they map onto today's). */
  async anchor(draftId: string, input: AnchorInput): Promise<StoredAnchor> {
    return this.writer.read(draftId, async (live) => {
      if (input.version === undefined || input.version === live.version) {
        return anchorRange(live.doc, input.start, input.end);
      }
      if (input.version > live.version) {
        throw AppError.validation('anchor.version is ahead of the draft', [
          { field: 'anchor.version', messages: [`the draft is at version ${live.version}`] },
        ]);
      }
      try {
        return anchorRange(await this.log.docAt(draftId, input.version), input.start, input.end);
      } catch (error) {
        if (!(error instanceof DraftLogError)) throw error;
        throw AppError.conflict('anchor.version is too old; anchor against the current text').because(
          'ANCHOR_OUTDATED',
        );
      }
    });
  }

  /** A copy of the current document to resolve anchors against outside the draft's lock. */
  async liveCopy(draftId: string): Promise<Y.Doc> {
    const state = await this.writer.read(draftId, (live) => Y.encodeStateAsUpdate(live.doc));
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    return doc;
  }

  private async payload(c: DraftCommentEntity, doc: Y.Doc | null): Promise<DraftCommentPayload> {
    const people = await this.reader.people([c.authorId]);
    return commentPayload(c, people.get(c.authorId)!, doc);
  }

  private async comment(draftId: string, commentId: string): Promise<DraftCommentEntity> {
    const comment = await this.dataSource.getRepository(DraftCommentEntity).findOneBy({ id: commentId });
    if (!comment || comment.draftId !== draftId) throw AppError.notFound('Comment');
    return comment;
  }

  private async suggestionOf(draftId: string, suggestionId: string): Promise<void> {
    const found = await this.dataSource
      .getRepository(DraftSuggestionEntity)
      .existsBy({ id: suggestionId, draftId });
    if (!found) throw AppError.notFound('Suggestion');
  }

  /** The comments (and replies) that discuss a suggestion, for its decision. */
  async discussionOf(suggestionId: string): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(DraftCommentEntity)
      .find({ where: { suggestionId }, select: { id: true }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => r.id);
  }
}
