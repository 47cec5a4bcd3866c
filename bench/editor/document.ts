/**
 * The browser benchmark's draft: a long strategy paper in Markdown, as a working group writes one: chapters (#),
 * sections (##) and subsections (###), paragraphs of 400–900 characters with some **bold**, *italic* and links,
 * bullet and numbered lists, and a table of measures. Deterministic (seeded). `chars` is the length of the
 * Markdown; the last paragraph holds END_MARKER, so a page can tell when the whole document is on screen.
 */
import { mulberry32 } from '../drafts/blocks';

export const END_MARKER = 'Ende des Entwurfs';

const WORDS = (
  'Integration Kommune Landkreis Teilhabe Sprache Arbeit Ausbildung Beratung Ehrenamt Schule Kita Wohnen ' +
  'Gesundheit Netzwerk Maßnahme Zuständigkeit Förderung Evaluation Beteiligung Migrationsberatung Jugend ' +
  'Familie Verwaltung Integrationsmanagement Steuerungskreis Kooperation Qualifizierung Anerkennung Zugang ' +
  'vereinbaren stärken entwickeln fördern begleiten sichern ausbauen verbessern prüfen berichten gemeinsam ' +
  'verbindlich regional nachhaltig frühzeitig mehrsprachig niedrigschwellig die der das und für mit im in ' +
  'von zu auf bei nach über alle wir sie werden soll sollen können jährlich bis'
).split(' ');

export interface DraftDocument {
  markdown: string;
  blocks: { headings: number; paragraphs: number; listItems: number; tableRows: number };
}

export function strategyDocument(chars: number, seed = 7): DraftDocument {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const sentence = (): string => {
    const n = 8 + Math.floor(rnd() * 14);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      let w = pick(WORDS);
      const r = rnd();
      if (r < 0.02) w = `**${w}**`;
      else if (r < 0.035) w = `*${w}*`;
      else if (r < 0.04) w = `[${w}](https://www.integration-bw.de/${w.toLowerCase()})`;
      words.push(w);
    }
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (): string => {
    const target = 400 + Math.floor(rnd() * 500);
    let p = '';
    while (p.length < target) p += (p ? ' ' : '') + sentence();
    return p;
  };
  const counts = { headings: 0, paragraphs: 0, listItems: 0, tableRows: 0 };
  const parts: string[] = [];
  let length = -2; // the first block has no blank line before it
  const add = (block: string) => {
    parts.push(block);
    length += block.length + 2;
  };
  add('# Eckpunkte Integrationsmanagement 2027');
  counts.headings++;
  let chapter = 0;
  let section = 0;
  let tableDone = false;
  // leave room for the end: a paragraph of up to ~1,000 characters
  while (length < chars - 1200) {
    if (section % 6 === 0) {
      chapter++;
      add(`# ${chapter}. ${pick(WORDS)} und ${pick(WORDS)}`);
      counts.headings++;
    }
    section++;
    add(`## ${chapter}.${section} ${pick(WORDS)} ${pick(WORDS)}`);
    counts.headings++;
    const paragraphs = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < paragraphs; i++) {
      add(paragraph());
      counts.paragraphs++;
    }
    if (section % 3 === 0) {
      const items = 3 + Math.floor(rnd() * 4);
      const ordered = section % 6 === 0;
      const list: string[] = [];
      for (let i = 0; i < items; i++) list.push(`${ordered ? `${i + 1}.` : '-'} ${sentence()}`);
      add(list.join('\n'));
      counts.listItems += items;
    }
    if (section % 4 === 0) {
      add(`### ${pick(WORDS)} ${pick(WORDS)}`);
      counts.headings++;
      add(paragraph());
      counts.paragraphs++;
    }
    if (!tableDone && length > chars / 3) {
      const rows = ['| Maßnahme | Zuständig | Bis | Stand |', '| --- | --- | --- | --- |'];
      for (let i = 0; i < 12; i++)
        rows.push(`| ${sentence()} | ${pick(WORDS)} | 12/2027 | ${pick(WORDS)} ${pick(WORDS)} |`);
      add(rows.join('\n'));
      counts.tableRows += 13;
      tableDone = true;
    }
  }
  let last = `${END_MARKER}: `;
  while (length + last.length + 2 < chars) last += `${sentence()} `;
  add(last.trimEnd().slice(0, Math.max(END_MARKER.length + 1, chars - length + 2)));
  counts.paragraphs++;
  return { markdown: parts.join('\n\n'), blocks: counts };
}
