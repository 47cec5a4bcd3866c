/**
 * Quoting a passage of a post: the text selected in one post's body, and the Markdown quote it becomes in the
 * composer (the author's name linking to the post, then the passage).
 */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';

export interface QuoteSelection {
  /** The post whose body holds the whole selection. */
  postId: string;
  text: string;
  /** Where the selection ends, relative to the post's box (for the button). */
  top: number;
  left: number;
}

/** Markdown's punctuation, escaped, so that a name is shown as written (and cannot open a link or emphasis). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+\-.!|~]/g, '\\$&');
}

/** `> [Name schrieb:](#/threads/…?seq=…)` and the passage, each line quoted; a blank line after it. */
export function quoteMarkdown(text: string, authorName: string, link: string): string {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'));
  return `> [${escapeMarkdown(t('quoteWrote', { name: authorName }))}](${link})\n${lines.join('\n')}\n\n`;
}

/** The composer's text with a quote added at its end (after a blank line). */
export function appendQuote(body: string, quote: string): string {
  if (!body.trim()) return quote;
  return `${body.replace(/\s+$/, '')}\n\n${quote}`;
}

/**
 * The current text selection when it lies within the body of one post of `container` (and is not empty): which
 * post, the text, and where to put the "Quote" button. Follows the selection as it changes.
 */
export function useQuoteSelection(container: { current: HTMLElement | null }, enabled: boolean) {
  const [selection, setSelection] = useState<QuoteSelection | null>(null);
  useEffect(() => {
    if (!enabled) return setSelection(null);
    const read = () => setSelection(currentSelection(container.current));
    document.addEventListener('selectionchange', read);
    return () => document.removeEventListener('selectionchange', read);
  }, [enabled]);
  return { selection, clear: () => setSelection(null) };
}

function currentSelection(container: HTMLElement | null): QuoteSelection | null {
  const sel = window.getSelection();
  if (!container || !sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  const bodyOf = (node: Node) =>
    (node instanceof Element ? node : node.parentElement)?.closest<HTMLElement>('.post-body');
  const body = bodyOf(range.startContainer);
  if (!body || body !== bodyOf(range.endContainer) || !container.contains(body)) return null;
  const article = body.closest<HTMLElement>('article.post');
  const postId = article?.dataset.postId;
  const text = sel.toString().trim();
  if (!article || !postId || !text) return null;
  const rects = range.getClientRects();
  const end = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
  const box = article.getBoundingClientRect();
  return {
    postId,
    text,
    top: end.bottom - box.top + 4,
    left: Math.max(0, Math.min(end.right - box.left, box.width - 120)),
  };
}
