import { AlignmentType, LevelFormat, type IParagraphStyleOptions, type NumberingDefinition } from 'docx';

/**
 * How a draft's Word document is laid out: the page, the Randnummer column, list indentation and numbering, and
 * the paragraph styles the text uses beside Word's built-in ones.
 */

/** The page's margins, 2.5 cm, in twentieths of a point (dxa); the document sets them (draft-docx.ts). */
export const PAGE_MARGIN = 1_417;
/** Width of the text area of an A4 page (11,906 dxa wide) within those margins. */
export const TEXT_WIDTH = 11_906 - 2 * PAGE_MARGIN;
/** Where the text of a numbered block starts: the Randnummer stands left of it, as in a margin. */
export const RN_COLUMN = 850;
export const LIST_INDENT = 420;
export const RN_COLOR = '595959';

const levelIndent = (level: number) => ({
  indent: { left: RN_COLUMN + LIST_INDENT * (level + 1), hanging: LIST_INDENT },
});

/** Bullets for unordered lists, one shape per level. */
export const BULLET_LIST: NumberingDefinition = {
  reference: 'runde-bullets',
  levels: Array.from({ length: 9 }, (_, level) => ({
    level,
    format: LevelFormat.BULLET,
    text: ['•', '◦', '▪'][level % 3],
    alignment: AlignmentType.START,
    style: { paragraph: levelIndent(level) },
  })),
};

const ORDERED_LISTS = new Map<number, NumberingDefinition>();

/**
 * "1." on each level, counting from `start` (a list may begin at "5."). Each list is an instance of its own, so
 * every list counts from its start again. docx adds the definitions a document's paragraphs use to its numbering
 * part.
 */
export function orderedList(start: number): NumberingDefinition {
  let definition = ORDERED_LISTS.get(start);
  if (!definition) {
    definition = {
      reference: `runde-ordered-${start}`,
      levels: Array.from({ length: 9 }, (_, level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        alignment: AlignmentType.START,
        start,
        style: { paragraph: levelIndent(level) },
      })),
    };
    ORDERED_LISTS.set(start, definition);
  }
  return definition;
}

/** The paragraph styles the blocks use beside Word's built-in ones (the document adds them to its styles). */
export const BODY_STYLES: IParagraphStyleOptions[] = [
  {
    id: 'Quote',
    name: 'Quote',
    basedOn: 'Normal',
    next: 'Normal',
    run: { italics: true, color: '404040' },
  },
];
