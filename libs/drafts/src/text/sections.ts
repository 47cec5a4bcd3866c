/** A section of a draft: a Markdown heading and the text up to the next heading of the same or a higher level. */
export interface Section {
  index: number;
  level: number;
  title: string;
  /** UTF-16 offsets in the text: the heading line's start, and where the section ends. */
  start: number;
  end: number;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** ATX headings (`# …` to `###### …`) outside fenced code blocks give the sections of a text. */
export function sectionsOf(text: string): Section[] {
  const found: Array<{ level: number; title: string; start: number }> = [];
  let offset = 0;
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else {
      const heading = HEADING.exec(line);
      if (heading) found.push({ level: heading[1].length, title: (heading[2] ?? '').trim(), start: offset });
    }
    offset += line.length + 1;
  }
  return found.map((h, i) => {
    const next = found.slice(i + 1).find((n) => n.level <= h.level);
    return { index: i, level: h.level, title: h.title, start: h.start, end: next ? next.start : text.length };
  });
}

/** The innermost section that contains an offset, or null before the first heading. */
export function sectionAt(sections: Section[], offset: number): Section | null {
  let best: Section | null = null;
  for (const s of sections) if (s.start <= offset && offset < s.end) best = s;
  return best;
}
