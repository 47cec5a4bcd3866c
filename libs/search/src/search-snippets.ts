import type { DataSource } from 'typeorm';
import type { SearchSource } from './sources/search-source';
import { SNIPPETS_SQL } from './search-page-sql';
import { markdownPlainText } from './text/markdown-plain-text';

/** HTML-safe text: its own <, > and & escaped, so that the only markup in a snippet is the <mark> around a match. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The snippet of each hit: the text a reader sees (Markdown reduced to its words), escaped, with the matches of
 * `tsquery` in <mark>. Cut in one statement for the whole page.
 */
export async function snippetsOf(
  dataSource: DataSource,
  tsquery: string,
  hits: Array<{ text: string; source: SearchSource }>,
): Promise<string[]> {
  if (hits.length === 0) return [];
  const texts = hits.map(({ text, source }) => escapeText(source.markdown ? markdownPlainText(text) : text));
  const rows: Array<{ snippet: string }> = await dataSource.query(SNIPPETS_SQL, [
    tsquery,
    texts,
    hits.map(({ source }) => source.headline),
  ]);
  return rows.map((row) => row.snippet);
}
