import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import * as Y from 'yjs';
import type { DraftDecisionPayload, DraftSuggestionPayload } from '@runde/events';
import { streamName, Transaction, UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { DraftWriter } from '../doc/draft-writer';
import { textOf, updateFromChanges } from '../doc/yjs-codec';
import { DraftReader } from '../drafts/draft-reader';
import { assertDiscussable, assertEditable, assertOpen } from '../drafts/draft-rules';
import { AnchorInput, CommentsService } from '../comments/comments.service';
import { resolveAnchor } from '../comments/anchors';
import { suggestionPayload } from '../comments/comment-views';
import { DraftDecisionEntity } from '../entities/draft-decision.entity';
import { DraftSuggestionEntity } from '../entities/draft-suggestion.entity';
import { RevisionWriter } from '../revisions/revision-writer';
import { decisionPayload, DraftView, draftViewFor } from '../views';

export interface SuggestionView extends DraftSuggestionPayload {
  decision: DraftDecisionPayload | null;
}

/** Proposed replacements: members suggest, owners and moderators accept (an edit and a decision) or reject. */
@Injectable()
export class SuggestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly writer: DraftWriter,
    private readonly comments: CommentsService,
    private readonly revisions: RevisionWriter,
  ) {}

  async create(
    caller: Caller,
    draftId: string,
    input: { anchor: AnchorInput; replacement: string; rationale: string },
  ): Promise<SuggestionView> {
    await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
    const anchor = await this.comments.anchor(draftId, input.anchor);
    const doc = await this.comments.liveCopy(draftId);
    return this.uow.run(async (tx) => {
      const draft = await this.reader.lock(draftId, tx.manager);
      assertDiscussable(draft.status, draft.consultationDeadline);
      const suggestion = await tx.manager.save(
        tx.manager.create(DraftSuggestionEntity, {
          draftId,
          authorId: caller.id,
          anchorStart: Buffer.from(anchor.start),
          anchorEnd: Buffer.from(anchor.end),
          quote: anchor.quote,
          replacement: input.replacement,
          rationale: input.rationale,
          status: 'open',
        }),
      );
      const payload = await this.payload(suggestion, doc);
      tx.append(streamName('draft', draftId), 'draft.suggestion_added', { suggestion: payload }, caller.id);
      return { ...payload, decision: null };
    });
  }

  async list(caller: Caller, draftId: string): Promise<{ items: SuggestionView[]; nextCursor: null }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const rows = await this.dataSource
      .getRepository(DraftSuggestionEntity)
      .find({ where: { draftId }, order: { createdAt: 'ASC', id: 'ASC' } });
    const decisions = await this.dataSource.getRepository(DraftDecisionEntity).findBy({ draftId });
    const people = await this.reader.people(rows.map((r) => r.authorId));
    const views = await this.writer.read(draftId, (live) =>
      rows.map((r) => suggestionPayload(r, people.get(r.authorId)!, live.doc)),
    );
    const items = await Promise.all(
      views.map(async (v) => {
        const decision = decisions.find((d) => d.suggestionId === v.id);
        return {
          ...v,
          decision: decision ? decisionPayload(decision, await this.comments.discussionOf(v.id)) : null,
        };
      }),
    );
    return { items, nextCursor: null };
  }

  /**
   * Applies the suggestion as an edit of the passage it points at (which must still read as it did), records the
   * decision with the resulting revision, and announces it.
   */
  async accept(
    caller: Caller,
    draftId: string,
    suggestionId: string,
  ): Promise<SuggestionView & { draft: DraftView }> {
    const access = await this.policy.assert(caller, 'moderate', 'draft', draftId, 'Draft');
    const suggestion = await this.open(draftId, suggestionId);
    assertEditable((await this.reader.draft(draftId)).status);
    let doc: Y.Doc | null = null;
    const { result } = await this.writer.edit(
      draftId,
      caller.id,
      (live) => {
        doc = live.doc;
        const at = resolveAnchor(live.doc, {
          start: suggestion.anchorStart,
          end: suggestion.anchorEnd,
          quote: suggestion.quote,
        });
        if (at.detached)
          throw AppError.conflict('The passage this suggestion replaces has been deleted').because(
            'PASSAGE_DELETED',
          );
        const current = textOf(live.doc).slice(at.start, at.end);
        if (current !== suggestion.quote) {
          throw AppError.conflict('The passage changed since the suggestion was made', [
            { quote: suggestion.quote, current },
          ]).because('PASSAGE_CHANGED');
        }
        return updateFromChanges(live.doc, [{ start: at.start, end: at.end, text: suggestion.replacement }]);
      },
      async (tx, committed) => {
        const draft = await this.reader.draft(draftId, tx.manager);
        const revision = await this.revisions.create(tx, {
          draftId,
          kind: 'suggestion',
          label: `Vorschlag übernommen: ${oneLine(suggestion.replacement)}`.slice(0, 200),
          version: committed.version,
          status: draft.status,
          content: committed.text,
          createdBy: caller.id,
        });
        const { payload, decision } = await this.decide(
          tx,
          caller,
          suggestion,
          'accepted',
          null,
          revision.id,
          doc!,
        );
        tx.append(
          streamName('draft', draftId),
          'draft.suggestion_accepted',
          { suggestion: payload, decision, version: committed.version },
          caller.id,
        );
        return { ...payload, decision };
      },
    );
    if (!result)
      throw AppError.conflict('The suggested text is already in place').because('SUGGESTION_IN_PLACE');
    return { ...result, draft: draftViewFor(await this.reader.current(draftId), access) };
  }

  async reject(
    caller: Caller,
    draftId: string,
    suggestionId: string,
    reason: string,
  ): Promise<SuggestionView> {
    await this.policy.assert(caller, 'moderate', 'draft', draftId, 'Draft');
    const suggestion = await this.open(draftId, suggestionId);
    const doc = await this.comments.liveCopy(draftId);
    return this.uow.run(async (tx) => {
      assertOpen((await this.reader.lock(draftId, tx.manager)).status);
      const { payload, decision } = await this.decide(tx, caller, suggestion, 'rejected', reason, null, doc);
      tx.append(
        streamName('draft', draftId),
        'draft.suggestion_rejected',
        { suggestion: payload, decision },
        caller.id,
      );
      return { ...payload, decision };
    });
  }

  private async decide(
    tx: Transaction,
    caller: Caller,
    suggestion: DraftSuggestionEntity,
    outcome: 'accepted' | 'rejected',
    reason: string | null,
    revisionId: string | null,
    doc: Y.Doc,
  ): Promise<{ payload: DraftSuggestionPayload; decision: DraftDecisionPayload }> {
    await this.claim(tx.manager, suggestion.id, outcome);
    suggestion.status = outcome;
    const decision = await tx.manager.save(
      tx.manager.create(DraftDecisionEntity, {
        draftId: suggestion.draftId,
        suggestionId: suggestion.id,
        outcome,
        reason,
        decidedBy: caller.id,
        decidedAt: new Date(),
        revisionId,
      }),
    );
    const discussion = await this.comments.discussionOf(suggestion.id);
    return { payload: await this.payload(suggestion, doc), decision: decisionPayload(decision, discussion) };
  }

  /** Marks the suggestion decided, once: a second decision (even a concurrent one) is a conflict. */
  private async claim(manager: EntityManager, suggestionId: string, outcome: 'accepted' | 'rejected') {
    const result = await manager.update(
      DraftSuggestionEntity,
      { id: suggestionId, status: 'open' },
      { status: outcome },
    );
    if (!result.affected)
      throw AppError.conflict('This suggestion has already been decided').because('SUGGESTION_DECIDED');
  }

  private async open(draftId: string, suggestionId: string): Promise<DraftSuggestionEntity> {
    const suggestion = await this.dataSource
      .getRepository(DraftSuggestionEntity)
      .findOneBy({ id: suggestionId });
    if (!suggestion || suggestion.draftId !== draftId) throw AppError.notFound('Suggestion');
    if (suggestion.status !== 'open')
      throw AppError.conflict(`This suggestion was ${suggestion.status} already`).because(
        'SUGGESTION_DECIDED',
      );
    return suggestion;
  }

  private async payload(s: DraftSuggestionEntity, doc: Y.Doc): Promise<DraftSuggestionPayload> {
    const people = await this.reader.people([s.authorId]);
    return suggestionPayload(s, people.get(s.authorId)!, doc);
  }
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 79)}…` : flat || '(deletion)';
}
