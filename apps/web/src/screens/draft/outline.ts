export interface OutlineEntry {
  level: number;
  title: string;
  pos: number;
}

/** ATX headings outside fenced code, as the server's sections (live, from the shared text). */
export function outlineOf(text: string): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  let pos = 0;
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === null ? f[1][0] : fence === f[1][0] ? null : fence;
    else if (fence === null) {
      const h = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
      if (h && h[2]) out.push({ level: h[1].length, title: h[2], pos });
    }
    pos += line.length + 1;
  }
  return out;
}
