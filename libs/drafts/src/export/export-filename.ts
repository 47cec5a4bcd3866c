/** File names of exports, safe in a header and on every file system. */

/** The Markdown and HTML exports' names: lower case, hyphens, ASCII (as they always were). */
export function slug(title: string): string {
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

const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * `Content-Disposition` of a document to save: `filename` is the name in plain ASCII (umlauts spelt out, anything
 * that could end the quoted string, a path or the header left out) for every client, `filename*` the name as it is
 * (RFC 6266/8187) for the browsers that read it.
 */
export function attachment(name: string, extension: string): string {
  const readable = name
    .replace(/[\p{Cc}/\\:*?"<>|]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const ascii =
    readable
      .replace(/[äöüÄÖÜß]/g, (c) => GERMAN[c])
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9 ._()-]+/g, '')
      .replace(/\s+/g, ' ')
      .replace(/^[ .]+/, '')
      .slice(0, 100)
      .trim() || 'Entwurf';
  const encoded = encodeURIComponent(`${(readable || 'Entwurf').slice(0, 150)}.${extension}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encoded}`;
}
