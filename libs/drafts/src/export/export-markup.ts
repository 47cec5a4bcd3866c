import { escapeHtml, markdownToHtml } from '../text/markdown-html';
import type { Appendix, ExportLanguage, Words } from './export-words';

/** The Markdown and HTML exports: the text as it is, then the appendix of decisions and resolved comments. */

const quoteMd = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

export function markdownExport(
  title: string,
  subtitle: string,
  content: string,
  a: Appendix,
  w: Words,
): string {
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

export function htmlExport(
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
