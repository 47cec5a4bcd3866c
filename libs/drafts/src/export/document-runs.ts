import {
  DeletedTextRun,
  ExternalHyperlink,
  InsertedTextRun,
  TextRun,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { Mark, Node } from 'prosemirror-model';

/**
 * A text block's inline content (text, hard breaks) as Word runs: bold, italic, underline and strike from the
 * schema's marks, links as hyperlinks — only to web and mail addresses; links into the app stay their text.
 *
 * Tracked changes (the `insertion` and `deletion` marks, also when a whole block carries them) become Word
 * revisions, `<w:ins>` and `<w:del>`, with the suggesting person's name and the time, so Word and LibreOffice
 * offer to accept or reject them. A document whose changes were decided for the export (see settle.ts) has none.
 */

const SAFE_URL = /^(https?:\/\/|mailto:)/i;

/** What a Word revision says about a tracked change; one counter per document (Word wants unique ids). */
export class WordRevisions {
  private next = 1;

  constructor(
    private readonly nameOf: (authorId: string | null) => string,
    /** For changes without a time (should not happen): the time of the text exported. */
    private readonly fallbackDate: Date,
  ) {}

  attrs(mark: Mark): { id: number; author: string; date: string } {
    const at = typeof mark.attrs.at === 'string' ? new Date(mark.attrs.at) : null;
    const date = at && !Number.isNaN(at.getTime()) ? at : this.fallbackDate;
    return {
      id: this.next++,
      author: this.nameOf((mark.attrs.author as string | null) ?? null),
      // xsd:dateTime without fractions of a second, as Word writes it.
      date: date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  }
}

/** The insertion or deletion mark among these marks, if any. */
export function changeMark(marks: readonly Mark[]): Mark | null {
  return marks.find((m) => m.type.name === 'insertion' || m.type.name === 'deletion') ?? null;
}

export interface RunContext {
  revisions: WordRevisions;
  /** A change the enclosing block carries (a suggested new list item): its text is that change. */
  inherited: Mark | null;
  bold?: boolean;
}

/** A text block's children → runs and hyperlinks. */
export function inlineRuns(block: Node, ctx: RunContext): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  let link: { href: string; runs: ParagraphChild[] } | null = null;
  const endLink = () => {
    if (link) out.push(new ExternalHyperlink({ link: link.href, children: link.runs }));
    link = null;
  };
  block.forEach((child) => {
    const href = linkOf(child);
    if (link && link.href !== href) endLink();
    if (href && !link) link = { href, runs: [] };
    const runs = childRuns(child, ctx, !!href);
    if (link) link.runs.push(...runs);
    else out.push(...runs);
  });
  endLink();
  return out;
}

function linkOf(node: Node): string | null {
  const mark = node.marks.find((m) => m.type.name === 'link');
  const href = mark ? String(mark.attrs.href) : '';
  return SAFE_URL.test(href) ? href : null;
}

function childRuns(node: Node, ctx: RunContext, inLink: boolean): ParagraphChild[] {
  if (node.type.name === 'hard_break') return [new TextRun({ break: 1 })];
  if (!node.isText || !node.text) return [];
  const has = (name: string) => node.marks.some((m) => m.type.name === name);
  const options: IRunOptions = {
    // Soft line breaks of the Markdown read as spaces, as everywhere else.
    text: node.text.replace(/\n/g, ' '),
    bold: ctx.bold || has('strong') || undefined,
    italics: has('em') || undefined,
    underline: has('underline') ? {} : undefined,
    strike: has('strike') || undefined,
    ...(inLink ? { style: 'Hyperlink' } : {}),
  };
  const change = changeMark(node.marks) ?? ctx.inherited;
  if (!change) return [new TextRun(options)];
  const revision = ctx.revisions.attrs(change);
  return [
    change.type.name === 'insertion'
      ? new InsertedTextRun({ ...options, ...revision })
      : new DeletedTextRun({ ...options, ...revision }),
  ];
}
