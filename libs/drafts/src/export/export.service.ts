import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { listChanges, toMarkdown } from '@runde/richtext';
import { AccessPolicy, GroupEntity } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { DraftReader } from '../drafts/draft-reader';
import { DraftCommentEntity } from '../entities/draft-comment.entity';
import { DraftDecisionEntity } from '../entities/draft-decision.entity';
import { DraftSuggestionEntity } from '../entities/draft-suggestion.entity';
import { RevisionsService } from '../revisions/revisions.service';
import { draftDocx } from './draft-docx';
import { attachment, slug } from './export-filename';
import { htmlExport, markdownExport } from './export-markup';
import { dateOf, WORDS, type Appendix, type ExportLanguage } from './export-words';
import { OfficeConverter } from './office-converter';
import { settle, type ChangeMode } from './settle';

export const EXPORT_FORMATS = ['markdown', 'html', 'docx', 'odt', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const DOCUMENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  pdf: 'application/pdf',
} as const;

export interface ExportFile {
  body: string | Buffer;
  contentType: string;
  /** The whole `Content-Disposition` header: Markdown and HTML show inline, documents are saved. */
  disposition: string;
}

/**
 * The current text or a revision of a draft, with an appendix: as Markdown or HTML (the text as it is), or as a
 * document — DOCX built here from the draft's document (draft-docx.ts: its blocks, Randnummern and tracked
 * changes as Word revisions), ODT and PDF converted from that DOCX by LibreOffice. A revision's document is the
 * one the log holds at its version (RevisionsService.documentOf). `changes` says how pending tracked changes
 * show (settle.ts): as revisions (`tracked`, the default), all left out (`rejected`) or all taken (`accepted`).
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly revisions: RevisionsService,
    private readonly converter: OfficeConverter,
  ) {}

  async export(
    caller: Caller,
    draftId: string,
    format: ExportFormat,
    revisionId?: string,
    lang: ExportLanguage = 'de',
    changes: ChangeMode = 'tracked',
  ): Promise<ExportFile> {
    const w = WORDS[lang];
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const draft = await this.reader.draft(draftId);
    const revision = revisionId ? await this.revisions.revision(draftId, revisionId) : null;
    const current = revision ? null : await this.revisions.current(draftId);
    const doc = revision ? await this.revisions.documentOf(revision) : current!.doc;
    const asOf = revision?.createdAt ?? new Date();
    const subtitle = revision
      ? `${w.revision} ${revision.number}: ${revision.label} (${dateOf(revision.createdAt, lang)})`
      : `${w.version} ${current!.version} (${dateOf(draft.updatedAt, lang)})`;
    const pending = listChanges(doc);
    const text = changes === 'tracked' || !pending.length ? doc : settle(doc, changes);
    const content = text === doc ? (revision?.content ?? toMarkdown(doc)) : toMarkdown(text);
    const appendix = await this.appendix(draftId, asOf, lang);
    if (format === 'markdown' || format === 'html') {
      const base = `${slug(draft.title)}${revision ? `-r${revision.number}` : ''}`;
      return format === 'html'
        ? {
            body: htmlExport(draft.title, subtitle, content, appendix, w, lang),
            contentType: 'text/html; charset=utf-8',
            disposition: `inline; filename="${base}.html"`,
          }
        : {
            body: markdownExport(draft.title, subtitle, content, appendix, w),
            contentType: 'text/markdown; charset=utf-8',
            disposition: `inline; filename="${base}.md"`,
          };
    }
    const group = await this.dataSource.getRepository(GroupEntity).findOneBy({ id: draft.groupId });
    const docx = await draftDocx({
      lang,
      title: draft.title,
      groupName: group?.name ?? '',
      status: revision?.status ?? draft.status,
      asOf: subtitle,
      exportedAt: dateOf(new Date(), lang),
      doc: text,
      changes: pending.length ? changes : null,
      authorName: await this.authorNames(
        pending.map((c) => c.authorId),
        lang,
      ),
      writtenAt: revision?.createdAt ?? draft.updatedAt,
      appendix,
    });
    const name = `${draft.title}${revision ? ` (${w.revision} ${revision.number})` : ''}`;
    return {
      body: format === 'docx' ? docx : await this.converter.convert(docx, format),
      contentType: DOCUMENT_TYPES[format],
      disposition: attachment(name, format),
    };
  }

  /** Display names of the people who suggested tracked changes ("gelöschtes Konto" for a deleted account). */
  private async authorNames(
    ids: Array<string | null>,
    lang: ExportLanguage,
  ): Promise<(id: string | null) => string> {
    const people = await this.reader.people(ids);
    return (id) => (id && people.get(id)?.displayName) || WORDS[lang].deleted;
  }

  /**
   * Decisions and resolved comments up to the time of the revision, and the comments and suggestions open then
   * (suggestions' own discussions stay with the suggestions in runde).
   */
  private async appendix(draftId: string, asOf: Date, lang: ExportLanguage): Promise<Appendix> {
    const decisions = await this.dataSource
      .getRepository(DraftDecisionEntity)
      .find({ where: { draftId, decidedAt: LessThanOrEqual(asOf) }, order: { decidedAt: 'ASC' } });
    const suggestions = await this.dataSource
      .getRepository(DraftSuggestionEntity)
      .find({ where: { draftId }, order: { createdAt: 'ASC' } });
    const comments = await this.dataSource
      .getRepository(DraftCommentEntity)
      .find({ where: { draftId }, order: { createdAt: 'ASC' } });
    const resolved = comments.filter((c) => !c.parentId && c.resolvedAt && c.resolvedAt <= asOf);
    const open = comments.filter(
      (c) => !c.parentId && !c.suggestionId && c.createdAt <= asOf && !(c.resolvedAt && c.resolvedAt <= asOf),
    );
    const repliesTo = (id: string) => comments.filter((r) => r.parentId === id && r.createdAt <= asOf);
    const decided = new Set(decisions.map((d) => d.suggestionId));
    const undecided = suggestions.filter((s) => s.createdAt <= asOf && !decided.has(s.id));
    const people = await this.reader.people([
      ...decisions.map((d) => d.decidedBy),
      ...resolved.map((c) => c.authorId),
      ...open.flatMap((c) => [c.authorId, ...repliesTo(c.id).map((r) => r.authorId)]),
      ...undecided.map((s) => s.authorId),
    ]);
    const name = (id: string) => people.get(id)?.displayName ?? WORDS[lang].deleted;
    return {
      decisions: decisions.map((d) => {
        const s = suggestions.find((x) => x.id === d.suggestionId)!;
        return {
          outcome: d.outcome,
          quote: s.quote,
          replacement: s.replacement,
          rationale: s.rationale,
          reason: d.reason,
          by: name(d.decidedBy),
          at: dateOf(d.decidedAt, lang),
        };
      }),
      resolved: resolved.map((c) => ({
        quote: c.quote,
        body: c.body,
        by: name(c.authorId),
        at: dateOf(c.resolvedAt!, lang),
        replies: comments.filter((r) => r.parentId === c.id).length,
      })),
      openComments: open.map((c) => ({
        quote: c.quote,
        body: c.body,
        by: name(c.authorId),
        at: dateOf(c.createdAt, lang),
        replies: repliesTo(c.id).map((r) => ({
          body: r.body,
          by: name(r.authorId),
          at: dateOf(r.createdAt, lang),
        })),
      })),
      openSuggestions: undecided.map((s) => ({
        quote: s.quote,
        replacement: s.replacement,
        rationale: s.rationale,
        by: name(s.authorId),
        at: dateOf(s.createdAt, lang),
      })),
    };
  }
}
