import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual } from 'typeorm';
import type { PersonPayload } from '@runde/events';
import { AccessPolicy } from '@runde/groups';
import type { Caller } from '@runde/identity';
import { DraftReader } from '../drafts/draft-reader';
import { DraftCommentEntity } from '../entities/draft-comment.entity';
import { DraftDecisionEntity } from '../entities/draft-decision.entity';
import { DraftSuggestionEntity } from '../entities/draft-suggestion.entity';
import { RevisionsService } from '../revisions/revisions.service';
import { escapeHtml, markdownToHtml } from '../text/markdown-html';

export type ExportFormat = 'markdown' | 'html';

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
  ): Promise<{ body: string; contentType: string; filename: string }> {
    await this.policy.assert(caller, 'read', 'draft', draftId, 'Draft');
    const draft = revisionId ? await this.reader.draft(draftId) : await this.reader.current(draftId);
    const revision = revisionId ? await this.revisions.revision(draftId, revisionId) : null;
    const asOf = revision?.createdAt ?? new Date();
    const subtitle = revision
      ? `Revision ${revision.number}: ${revision.label} (${revision.createdAt.toISOString()})`
      : `Version ${draft.version} (${draft.updatedAt.toISOString()})`;
    const content = revision?.content ?? draft.contentText;
    const appendix = await this.appendix(draftId, asOf);
    const base = `${slug(draft.title)}${revision ? `-r${revision.number}` : ''}`;
    return format === 'html'
      ? {
          body: html(draft.title, subtitle, content, appendix),
          contentType: 'text/html; charset=utf-8',
          filename: `${base}.html`,
        }
      : {
          body: markdown(draft.title, subtitle, content, appendix),
          contentType: 'text/markdown; charset=utf-8',
          filename: `${base}.md`,
        };
  }

  /** Decisions and resolved comments up to the time of the revision. */
  private async appendix(draftId: string, asOf: Date): Promise<Appendix> {
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
    const name = (id: string) => displayName(people.get(id));
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
          at: d.decidedAt.toISOString(),
        };
      }),
      resolved: resolved.map((c) => ({
        quote: c.quote,
        body: c.body,
        by: name(c.authorId),
        at: c.resolvedAt!.toISOString(),
        replies: comments.filter((r) => r.parentId === c.id).length,
      })),
    };
  }
}

function displayName(person: PersonPayload | undefined): string {
  return person?.displayName ?? 'deleted account';
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

function markdown(title: string, subtitle: string, content: string, a: Appendix): string {
  const parts = [`# ${title}`, `_${subtitle}_`, content.trim(), '---', '## Appendix', '### Decisions'];
  if (!a.decisions.length) parts.push('None.');
  for (const d of a.decisions) {
    parts.push(
      `- **${d.outcome === 'accepted' ? 'Accepted' : 'Rejected'}** (${d.by}, ${d.at})`,
      quoteMd(d.quote),
      `Suggested: ${d.replacement || '(delete)'}`,
      `Rationale: ${d.rationale}`,
      ...(d.reason ? [`Reason: ${d.reason}`] : []),
    );
  }
  parts.push('### Resolved comments');
  if (!a.resolved.length) parts.push('None.');
  for (const c of a.resolved) {
    parts.push(`- ${c.by} (${c.at}, ${c.replies} replies)`, ...(c.quote ? [quoteMd(c.quote)] : []), c.body);
  }
  return `${parts.join('\n\n')}\n`;
}

function html(title: string, subtitle: string, content: string, a: Appendix): string {
  const e = escapeHtml;
  const decisions = a.decisions.length
    ? `<ul>${a.decisions
        .map(
          (d) =>
            `<li><strong>${d.outcome === 'accepted' ? 'Accepted' : 'Rejected'}</strong> (${e(d.by)}, ${e(d.at)})` +
            `<blockquote>${e(d.quote)}</blockquote><p>Suggested: ${e(d.replacement || '(delete)')}</p>` +
            `<p>Rationale: ${e(d.rationale)}</p>${d.reason ? `<p>Reason: ${e(d.reason)}</p>` : ''}</li>`,
        )
        .join('')}</ul>`
    : '<p>None.</p>';
  const resolved = a.resolved.length
    ? `<ul>${a.resolved
        .map(
          (c) =>
            `<li>${e(c.by)} (${e(c.at)}, ${c.replies} replies)` +
            `${c.quote ? `<blockquote>${e(c.quote)}</blockquote>` : ''}<p>${e(c.body)}</p></li>`,
        )
        .join('')}</ul>`
    : '<p>None.</p>';
  return [
    '<!DOCTYPE html>',
    '<html lang="de">',
    `<head><meta charset="utf-8"><title>${e(title)}</title></head>`,
    '<body>',
    `<header><h1>${e(title)}</h1><p><em>${e(subtitle)}</em></p></header>`,
    `<main>${markdownToHtml(content)}</main>`,
    `<section id="appendix"><h2>Appendix</h2><h3>Decisions</h3>${decisions}<h3>Resolved comments</h3>${resolved}</section>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
