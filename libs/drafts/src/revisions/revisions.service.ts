import { Injectable } from '@nestjs/common';
import type { Node } from 'prosemirror-model';
import { DataSource } from 'typeorm';
import { parseMarkdown, readDoc, toMarkdown } from '@runde/richtext';
import { UnitOfWork } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { AppError } from '@runde/platform';
import { DraftLog, DraftLogError } from '../doc/draft-log';
import { Committed, DraftWriter } from '../doc/draft-writer';
import { textOf, updateFromChanges } from '../doc/yjs-codec';
import { DraftReader } from '../drafts/draft-reader';
import { assertEditable, assertMayRestore, assertOpen } from '../drafts/draft-rules';
import { DraftRevisionEntity, RevisionBlock } from '../entities/draft-revision.entity';
import { diffParagraphs, ParagraphDiff } from '../text/paragraph-diff';
import { labelParagraphs, paragraphLabels } from '../text/paragraph-labels';
import { diffText } from '../text/text-diff';
import { DraftView, draftView, RevisionView, revisionView } from '../views';
import { labelledDocument } from './revision-document';
import { RevisionWriter } from './revision-writer';

export interface RevisionWithContent extends RevisionView {
  content: string;
  /** Its top-level blocks in order with their Randnummern (null for revisions made before they were kept). */
  blocks: RevisionBlock[] | null;
}

@Injectable()
export class RevisionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly writer: DraftWriter,
    private readonly revisions: RevisionWriter,
    private readonly log: DraftLog,
  ) {}

  /** A named snapshot of the current text (anyone who may write, until the draft is adopted). */
  async create(caller: Caller, draftId: string, label: string): Promise<RevisionWithContent> {
    await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
    const revision = await this.uow.run(async (tx) => {
      const draft = await this.reader.lockWithText(draftId, tx.manager);
      assertOpen(draft.status);
      return this.revisions.create(tx, {
        draftId,
        kind: 'manual',
        label,
        version: draft.version,
        status: draft.status,
        content: draft.contentText,
        createdBy: caller.id,
      });
    });
    return this.withContent(revision);
  }

  /** Every revision, newest first, with who made it and who changed the text since the one before. */
  async list(caller: Caller, draftId: string): Promise<{ items: RevisionView[]; nextCursor: null }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const rows = await this.dataSource
      .getRepository(DraftRevisionEntity)
      .find({ where: { draftId }, order: { number: 'DESC' } });
    const people = await this.reader.people(rows.flatMap((r) => [r.createdBy, ...r.authorIds]));
    return { items: rows.map((r) => revisionView(r, people)), nextCursor: null };
  }

  async get(caller: Caller, draftId: string, revisionId: string): Promise<RevisionWithContent> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    return this.withContent(await this.revision(draftId, revisionId));
  }

  /**
   * Diff between two revisions of this draft (`to` omitted: the current text), by paragraph and by word; each
   * aligned paragraph names the Randnummer of its block on either side (`fromRn`, `toRn`).
   */
  async diff(
    caller: Caller,
    draftId: string,
    fromId: string,
    toId?: string,
  ): Promise<ParagraphDiff & { from: RevisionView; to: RevisionView | null; toVersion: number }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const from = await this.revision(draftId, fromId);
    const to = toId ? await this.revision(draftId, toId) : null;
    const current = to ? null : await this.current(draftId);
    const toText = to ? to.content : toMarkdown(current!.doc);
    const people = await this.reader.people([from.createdBy, to?.createdBy ?? null]);
    const label = (r: DraftRevisionEntity) => `Revision ${r.number} (${r.label})`;
    const diff = diffParagraphs(from.content, toText, {
      from: label(from),
      to: to ? label(to) : `Current text (version ${current!.version})`,
    });
    const labels = async (r: DraftRevisionEntity) => {
      const doc = labelledDocument(r.content, r.blocks) ?? (await this.logged(r));
      return doc && paragraphLabels(doc, r.content);
    };
    const fromLabels = await labels(from);
    const toLabels = to ? await labels(to) : paragraphLabels(current!.doc, toText);
    return {
      from: revisionView(from, people),
      to: to ? revisionView(to, people) : null,
      toVersion: to ? to.version : current!.version,
      ...diff,
      paragraphs: labelParagraphs(diff.paragraphs, fromLabels, toLabels),
    };
  }

  /** The current document and its version, read together from the live document. */
  async current(draftId: string): Promise<{ version: number; doc: Node }> {
    return this.writer.read(draftId, (live) => ({ version: live.version, doc: readDoc(live.doc) }));
  }

  /**
   * A revision's document: from the log at its version when the log still holds it (with the authors and times
   * of its tracked changes), else from its Markdown with the Randnummern it kept (or, for a revision made before
   * revisions kept them, without any).
   */
  async documentOf(revision: DraftRevisionEntity): Promise<Node> {
    return (
      (await this.logged(revision)) ??
      labelledDocument(revision.content, revision.blocks) ??
      parseMarkdown(revision.content)
    );
  }

  /** The log's document at the revision's version, if the log holds it and it has the revision's text. */
  private async logged(revision: DraftRevisionEntity): Promise<Node | null> {
    try {
      const doc = readDoc(await this.log.docAt(revision.draftId, revision.version));
      return toMarkdown(doc) === revision.content ? doc : null;
    } catch (error) {
      if (error instanceof DraftLogError) return null;
      throw error;
    }
  }

  /**
   * Restores a revision's text as a new change on top of the current one; history stays as it was. Replacing
   * everyone's text is not for every writer: the group's owners and moderators (and platform admins) may, and the
   * person who started the draft while they may still write in it. The text it replaces is kept first as a
   * revision of its own (`before_restore`) unless the latest revision holds it already, so a restore can be
   * undone by restoring that one.
   */
  async restore(caller: Caller, draftId: string, revisionId: string): Promise<DraftView> {
    const access = await this.policy.assert(caller, 'write', 'draft', draftId, 'Draft');
    const revision = await this.revision(draftId, revisionId);
    const current = await this.reader.draft(draftId);
    assertMayRestore(access, current.createdBy === caller.id);
    assertEditable(current.status);
    let before: Committed | null = null;
    await this.writer.edit(
      draftId,
      caller.id,
      (live) => {
        before = { version: live.version, text: textOf(live.doc) };
        return updateFromChanges(live.doc, diffText(before.text, revision.content));
      },
      async (tx, committed) => {
        const draft = await this.reader.draft(draftId, tx.manager);
        const [latest]: Array<{ content: string }> = await tx.manager.query(
          `SELECT content FROM draft_revisions WHERE draft_id = $1 ORDER BY number DESC LIMIT 1`,
          [draftId],
        );
        if (before && before.text !== latest?.content) {
          await this.revisions.create(tx, {
            draftId,
            kind: 'before_restore',
            label: `Stand vor der Wiederherstellung von Fassung ${revision.number}`,
            version: before.version,
            status: draft.status,
            content: before.text,
            createdBy: caller.id,
          });
        }
        await this.revisions.create(tx, {
          draftId,
          kind: 'restore',
          label: `Fassung ${revision.number} wiederhergestellt (${revision.label})`.slice(0, 200),
          version: committed.version,
          status: draft.status,
          content: committed.text,
          createdBy: caller.id,
        });
      },
    );
    return draftView(await this.reader.current(draftId));
  }

  /** A revision of this draft; one of another draft does not exist here. */
  async revision(draftId: string, revisionId: string): Promise<DraftRevisionEntity> {
    const revision = await this.dataSource.getRepository(DraftRevisionEntity).findOneBy({ id: revisionId });
    if (!revision || revision.draftId !== draftId) throw AppError.notFound('Revision');
    return revision;
  }

  private async withContent(r: DraftRevisionEntity): Promise<RevisionWithContent> {
    const people = await this.reader.people([r.createdBy, ...r.authorIds]);
    return { ...revisionView(r, people), content: r.content, blocks: r.blocks };
  }
}
