import type { Node } from 'prosemirror-model';
import { NUMBERED, toMarkdown } from '@runde/richtext';
import type { AlignedParagraph } from './paragraph-alignment';
import { paragraphsOf } from './paragraph-diff';

/**
 * The Randnummer of the block each Markdown paragraph of `text` belongs to (null for headings and unlabelled
 * blocks), where `text` is `doc`'s Markdown: a paragraph or quote is one Markdown paragraph, a list or table one
 * or more. Null when the two do not line up (then no paragraph is named by a number rather than a wrong one).
 */
export function paragraphLabels(doc: Node, text: string): Array<string | null> | null {
  const whole = paragraphsOf(text);
  const out: Array<string | null> = [];
  let fits = true;
  doc.forEach((block) => {
    if (!fits) return;
    const rn = NUMBERED.has(block.type.name) ? ((block.attrs.rn as string | null) ?? null) : null;
    for (const paragraph of paragraphsOf(toMarkdown(doc.type.create(null, block)))) {
      if (whole[out.length] !== paragraph) fits = false;
      out.push(rn);
    }
  });
  return fits && out.length === whole.length ? out : null;
}

/** The diff's paragraphs with the Randnummer each has in `from` and in `to` (null where it has none there). */
export function labelParagraphs(
  paragraphs: AlignedParagraph[],
  from: Array<string | null> | null,
  to: Array<string | null> | null,
): AlignedParagraph[] {
  return paragraphs.map((p) => ({
    ...p,
    fromRn: p.fromIndex !== null ? (from?.[p.fromIndex] ?? null) : null,
    toRn: p.toIndex !== null ? (to?.[p.toIndex] ?? null) : null,
  }));
}
