/**
 * Comparing two revisions of a draft (screens/draft/DiffView.tsx, Revisions.tsx). Spread into ../i18n.ts. The
 * German addresses people as "Sie".
 */
export const diffDe = {
  compareTitle: 'Fassungen vergleichen',
  compareRun: 'Vergleichen',
  diffChangesOnly: 'Nur Änderungen',
  diffSummary: 'Absätze: {changed} geändert, {inserted} neu, {deleted} gelöscht, {unchanged} unverändert',
  diffNoChanges: 'Keine Unterschiede: Beide Fassungen haben denselben Text.',
  diffLegend: 'So sind Änderungen markiert:',
  diffLegendInserted: 'eingefügt (unterstrichen)',
  diffLegendDeleted: 'gelöscht (durchgestrichen)',
  diffInsertedStart: '[Eingefügt: ',
  diffDeletedStart: '[Gelöscht: ',
  diffMarkEnd: ']',
  diffTag_change: 'Absatz {n}: geändert',
  diffTag_insert: 'Absatz {n}: neu',
  diffTag_delete: 'Gelöscht (vorher Absatz {n})',
  diffTagRn_change: 'Rn. {rn}: geändert',
  diffTagRn_moved: 'Rn. {rn}: geändert (vorher Rn. {from})',
  diffTagRn_insert: 'Rn. {rn}: neu',
  diffTagRn_delete: 'Gelöscht (vorher Rn. {rn})',
  diffSkipped: '… {count} unveränderte Absätze …',
  diffSkipped_one: '… 1 unveränderter Absatz …',
} as const;

export const diffEn: Record<keyof typeof diffDe, string> = {
  compareTitle: 'Compare revisions',
  compareRun: 'Compare',
  diffChangesOnly: 'Changes only',
  diffSummary: 'Paragraphs: {changed} changed, {inserted} new, {deleted} deleted, {unchanged} unchanged',
  diffNoChanges: 'No differences: both revisions have the same text.',
  diffLegend: 'How changes are marked:',
  diffLegendInserted: 'inserted (underlined)',
  diffLegendDeleted: 'deleted (struck through)',
  diffInsertedStart: '[Inserted: ',
  diffDeletedStart: '[Deleted: ',
  diffMarkEnd: ']',
  diffTag_change: 'Paragraph {n}: changed',
  diffTag_insert: 'Paragraph {n}: new',
  diffTag_delete: 'Deleted (was paragraph {n})',
  diffTagRn_change: 'Rn. {rn}: changed',
  diffTagRn_moved: 'Rn. {rn}: changed (was Rn. {from})',
  diffTagRn_insert: 'Rn. {rn}: new',
  diffTagRn_delete: 'Deleted (was Rn. {rn})',
  diffSkipped: '… {count} unchanged paragraphs …',
  diffSkipped_one: '… 1 unchanged paragraph …',
};
