import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { streamName } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { decideByKeys, listChanges, readDoc, TrackedChange, updateTo } from '@runde/richtext';
import { DraftWriter } from '../doc/draft-writer';
import { DraftReader } from '../drafts/draft-reader';
import { assertOpen } from '../drafts/draft-rules';
import { DraftRules, editModeFor, editorRoleOf } from '../drafts/edit-policy';
import { DraftChangeDecisionEntity } from '../entities/draft-change-decision.entity';
import { RevisionWriter } from '../revisions/revision-writer';
import { DraftView, draftViewFor } from '../views';
import {
  ChangeDecisionView,
  changeDecisionPayload,
  changeDecisionView,
  changeView,
  decisionLabel,
  personIds,
  TrackedChangeView,
} from './change-views';
import type { DraftChangeDecisionPayload } from '@runde/events';

export interface DecideChangesInput {
  decision: 'accept' | 'reject';
  keys?: string[];
  authorId?: string;
}

export interface ChangesDecided {
  decision: 'accept' | 'reject';
  version: number;
  revisionId: string | null;
  items: DraftChangeDecisionPayload[];
  draft: DraftView;
}

/**
 * The tracked changes in a draft's document (Änderungsmodus: `insertion`/`deletion`/`modification` marks the
 * browser writes while someone suggests) and the decisions on them. Accepting or rejecting carries the changes
 * out in the document (one edit, one version, one named revision), records one decision per change and announces
 * `draft.changes_decided`. Owners and moderators decide, and whoever may edit the text directly in the draft's
 * status; anyone may reject (withdraw) their own changes.
 */
@Injectable()
export class TrackedChangesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly writer: DraftWriter,
    private readonly revisions: RevisionWriter,
  ) {}

  async list(caller: Caller, draftId: string): Promise<{ items: TrackedChangeView[] }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const changes = await this.writer.read(draftId, (live) => listChanges(readDoc(live.doc)));
    const people = await this.reader.people(personIds(changes.map((c) => c.authorId)));
    return { items: changes.map((c) => changeView(c, people)) };
  }

  async decisions(caller: Caller, draftId: string): Promise<{ items: ChangeDecisionView[] }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const rows = await this.dataSource
      .getRepository(DraftChangeDecisionEntity)
      .find({ where: { draftId }, order: { version: 'ASC', ord: 'ASC', id: 'ASC' } });
    const people = await this.reader.people(personIds(rows.flatMap((r) => [r.decidedBy, r.changeAuthorId])));
    return { items: rows.map((r) => changeDecisionView(r, people)) };
  }

  async decide(caller: Caller, draftId: string, input: DecideChangesInput): Promise<ChangesDecided> {
    const access = await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    if ((input.keys === undefined) === (input.authorId === undefined)) {
      throw AppError.validation('Name the changes either by keys or by authorId (exactly one of them)', [
        { field: 'keys', messages: ['exactly one of keys and authorId'] },
      ]).because('KEYS_OR_AUTHOR');
    }
    const role = editorRoleOf(access);
    const { decision } = input;
    /** Whether the caller may decide these changes under these rules (checked under the row lock). */
    const mayDecide = (rules: DraftRules, changes: TrackedChange[]): void => {
      assertOpen(rules.status);
      if (access.moderate) return;
      if (editModeFor(rules.status, role, rules.editPolicy, rules.consultationDeadline) === 'edit') return;
      if (decision === 'reject' && role !== 'observer' && changes.every((c) => c.authorId === caller.id))
        return;
      throw AppError.forbidden(
        'Only the group’s owners and moderators and those who may edit the text decide on tracked changes; ' +
          'everyone may reject (withdraw) their own',
      ).because('DECISION_NOT_ALLOWED');
    };
    let chosen: TrackedChange[] = [];
    const { result, changed } = await this.writer.edit(
      draftId,
      caller.id,
      (live) => {
        const doc = readDoc(live.doc);
        chosen = this.choose(listChanges(doc), input);
        return updateTo(live.doc, decideByKeys(doc, new Set(chosen.map((c) => c.key)), decision));
      },
      async (tx, committed) => {
        const draft = await this.reader.draft(draftId, tx.manager);
        const revision = await this.revisions.create(tx, {
          draftId,
          kind: 'suggestion',
          label: decisionLabel(decision, chosen),
          version: committed.version,
          status: draft.status,
          content: committed.text,
          createdBy: caller.id,
        });
        const rows = await tx.manager.save(
          chosen.map((c, ord) =>
            tx.manager.create(DraftChangeDecisionEntity, {
              draftId,
              ord,
              changeKey: c.key,
              changeAuthorId: c.authorId,
              changeAt: c.at,
              decision,
              inserted: c.inserted,
              deleted: c.deleted,
              formatted: c.formatted,
              decidedBy: caller.id,
              decidedAt: new Date(),
              version: committed.version,
              revisionId: revision.id,
            }),
          ),
        );
        const items = rows.map(changeDecisionPayload);
        tx.append(
          streamName('draft', draftId),
          'draft.changes_decided',
          { draftId, decision, decisions: items, version: committed.version, revisionId: revision.id },
          caller.id,
        );
        return { version: committed.version, revisionId: revision.id, items };
      },
      { admit: (rules) => mayDecide(rules, chosen) },
    );
    if (!changed || !result) {
      // Deciding changes always changes the document; nothing changed means someone decided them meanwhile.
      throw AppError.conflict('These changes have been decided already').because('CHANGES_NOT_FOUND');
    }
    return { decision, ...result, draft: draftViewFor(await this.reader.current(draftId), access) };
  }

  /** The changes named by keys (each must be there) or all of one author's (at least one). */
  private choose(changes: TrackedChange[], input: DecideChangesInput): TrackedChange[] {
    if (input.authorId !== undefined) {
      const author = input.authorId.toLowerCase();
      const theirs = changes.filter((c) => c.authorId?.toLowerCase() === author);
      if (!theirs.length)
        throw AppError.conflict('This person has no open tracked changes in the draft', [
          { authorId: input.authorId },
        ]).because('CHANGES_NOT_FOUND');
      return theirs;
    }
    const byKey = new Map(changes.map((c) => [c.key, c]));
    const keys = [...new Set(input.keys)];
    const unknown = keys.filter((k) => !byKey.has(k));
    if (unknown.length)
      throw AppError.conflict(
        'Some of these changes are not in the draft (any more): decided meanwhile, or never there; nothing was decided',
        [{ keys: unknown }],
      ).because('CHANGES_NOT_FOUND');
    return keys.map((k) => byKey.get(k)!);
  }
}
