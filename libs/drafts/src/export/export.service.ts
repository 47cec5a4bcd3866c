import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { DraftReader } from '../drafts/draft-reader';
import { DraftCommentEntity } from '../entities/draft-comment.entity';
import { DraftDecisionEntity } from '../entities/draft-decision.entity';
import { DraftSuggestionEntity } from '../entities/draft-suggestion.entity';
import { RevisionsService } from '../revisions/revisions.service';
import { escapeHtml, markdownToHtml } from '../text/markdown-html';

export type ExportFormat = 'markdown' | 'html';
export type ExportLanguage = 'de' | 'en';

/** The export's own words (the text, comments and labels are the members' own, in their language). */
const WORDS = {
  de: {
    appendix: 'Anhang',
    decisions: 'Entscheidungen',
    resolvedComments: 'Erledigte Kommentare',
    none: 'Keine.',
    accepted: 'Übernommen',
    rejected: 'Abgelehnt',
    suggested: 'Vorschlag',
    deletion: '(streichen)',
    rationale: 'Begründung',
    reason: 'Grund der Ablehnung',
    replies: (n: number) => (n === 1 ? '1 Antwort' : `${n} Antworten`),
    revision: 'Fassung',
    version: 'Version',
    deleted: 'gelöschtes Konto',
  },
  en: {
    appendix: 'Appendix',
    decisions: 'Decisions',
    resolvedComments: 'Resolved comments',
    none: 'None.',
    accepted: 'Accepted',
    rejected: 'Rejected',
    suggested: 'Suggested',
    deletion: '(delete)',
    rationale: 'Rationale',
    reason: 'Reason',
    replies: (n: number) => (n === 1 ? '1 reply' : `${n} replies`),
    revision: 'Revision',
    version: 'Version',
    deleted: 'deleted account',
  },
} as const;
type Words = (typeof WORDS)[ExportLanguage];

/** Dates as people read them, in the network's time zone. */
function dateOf(at: Date, lang: ExportLanguage): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(at);
}

interface Appendix {
  decisions: Array<{
    outcome: string;
    quote: string;
    replacement: string;
    rationale: string;
    reason: string | null;
    by: string;
    at: string;
  }>;
  resolved: Array<{ quote: string | null; body: string; by: string; at: string; replies: number }>;
}

/** Markdown or HTML of the current text or of a revision, with an appendix of decisions and resolved comments. */
@Injectable()
export class ExportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly policy: AccessPolicy,
    private readonly reader: DraftReader,
    private readonly revisions: RevisionsService,
  ) {}

  async export(
    caller: Caller,
    draftId: string,
    format: ExportFormat,
    revisionId?: string,
    lang: ExportLanguage = 'de',
  ): Promise<{ body: string; contentType: string; filename: string }> {
    const w = WORDS[lang];
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const draft = revisionId ? await this.reader.draft(draftId) : await this.reader.current(draftId);
    const revision = revisionId ? await this.revisions.revision(draftId, revisionId) : null;
    const asOf = revision?.createdAt ?? new Date();
    const subtitle = revision
      ? `${w.revision} ${revision.number}: ${revision.label} (${dateOf(revision.createdAt, lang)})`
      : `${w.version} ${draft.version} (${dateOf(draft.updatedAt, lang)})`;
    const content = revision?.content ?? draft.contentText;
    const appendix = await this.appendix(draftId, asOf, lang);
    const base = `${slug(draft.title)}${revision ? `-r${revision.number}` : ''}`;
    return format === 'html'
      ? {
          body: html(draft.title, subtitle, content, appendix, w, lang),
          contentType: 'text/html; charset=utf-8',
          filename: `${base}.html`,
        }
      : {
          body: markdown(draft.title, subtitle, content, appendix, w),
          contentType: 'text/markdown; charset=utf-8',
          filename: `${base}.md`,
        };
  }

  /** Decisions and resolved comments up to the time of the revision. */
  private async appendix(draftId: string, asOf: Date, lang: ExportLanguage): Promise<Appendix> {
    const decisions = await this.dataSource
      .getRepository(DraftDecisionEntity)
      .find({ where: { draftId, decidedAt: LessThanOrEqual(asOf) }, order: { decidedAt: 'ASC' } });
    const suggestions = await this.dataSource.getRepository(DraftSuggestionEntity).findBy({ draftId });
    const comments = await this.dataSource
      .getRepository(DraftCommentEntity)
      .find({ where: { draftId }, order: { createdAt: 'ASC' } });
    const resolved = comments.filter((c) => !c.parentId && c.resolvedAt && c.resolvedAt <= asOf);
    const people = await this.reader.people([
      ...decisions.map((d) => d.decidedBy),
      ...resolved.map((c) => c.authorId),
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
    };
  }
}

function slug(title: string): string {
  return (
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase()
      .slice(0, 60) || 'draft'
  );
}

const quoteMd = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

function markdown(title: string, subtitle: string, content: string, a: Appendix, w: Words): string {
  const parts = [
    `# ${title}`,
    `_${subtitle}_`,
    content.trim(),
    '---',
    `## ${w.appendix}`,
    `### ${w.decisions}`,
  ];
  if (!a.decisions.length) parts.push(w.none);
  for (const d of a.decisions) {
    parts.push(
      `- **${d.outcome === 'accepted' ? w.accepted : w.rejected}** (${d.by}, ${d.at})`,
      quoteMd(d.quote),
      `${w.suggested}: ${d.replacement || w.deletion}`,
      `${w.rationale}: ${d.rationale}`,
      ...(d.reason ? [`${w.reason}: ${d.reason}`] : []),
    );
  }
  parts.push(`### ${w.resolvedComments}`);
  if (!a.resolved.length) parts.push(w.none);
  for (const c of a.resolved) {
    parts.push(
      `- ${c.by} (${c.at}, ${w.replies(c.replies)})`,
      ...(c.quote ? [quoteMd(c.quote)] : []),
      c.body,
    );
  }
  return `${parts.join('\n\n')}\n`;
}

function html(
  title: string,
  subtitle: string,
  content: string,
  a: Appendix,
  w: Words,
  lang: ExportLanguage,
): string {
  const e = escapeHtml;
  const decisions = a.decisions.length
    ? `<ul>${a.decisions
        .map(
          (d) =>
            `<li><strong>${d.outcome === 'accepted' ? w.accepted : w.rejected}</strong> (${e(d.by)}, ${e(d.at)})` +
            `<blockquote>${e(d.quote)}</blockquote><p>${w.suggested}: ${e(d.replacement || w.deletion)}</p>` +
            `<p>${w.rationale}: ${e(d.rationale)}</p>${d.reason ? `<p>${w.reason}: ${e(d.reason)}</p>` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<p>${w.none}</p>`;
  const resolved = a.resolved.length
    ? `<ul>${a.resolved
        .map(
          (c) =>
            `<li>${e(c.by)} (${e(c.at)}, ${w.replies(c.replies)})` +
            `${c.quote ? `<blockquote>${e(c.quote)}</blockquote>` : ''}<p>${e(c.body)}</p></li>`,
        )
        .join('')}</ul>`
    : `<p>${w.none}</p>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}">`,
    `<head><meta charset="utf-8"><title>${e(title)}</title></head>`,
    '<body>',
    `<header><h1>${e(title)}</h1><p><em>${e(subtitle)}</em></p></header>`,
    `<main>${markdownToHtml(content)}</main>`,
    `<section id="appendix"><h2>${w.appendix}</h2><h3>${w.decisions}</h3>${decisions}` +
      `<h3>${w.resolvedComments}</h3>${resolved}</section>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
