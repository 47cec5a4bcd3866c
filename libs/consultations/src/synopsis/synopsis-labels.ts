import type { Assessment, Position } from '../entities/statement-comment.entity';

/** The Synopse's words: it is a document of German administration, in German whatever the reader's interface. */
export const POSITION_LABEL: Record<Position, string> = {
  agree: 'Zustimmung',
  change: 'Änderungswunsch',
  reject: 'Ablehnung',
  note: 'Hinweis',
};

export const ASSESSMENT_LABEL: Record<Assessment, string> = {
  adopted: 'übernommen',
  partly: 'teilweise übernommen',
  rejected: 'nicht übernommen',
  noted: 'zur Kenntnis genommen',
};

export const NIL_RETURN = 'Fehlanzeige';
export const NOT_ANSWERED = 'keine Antwort';
export const NOT_ASSESSED = 'noch nicht bewertet';

const BERLIN = new Intl.DateTimeFormat('de-DE', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Berlin',
});

/** "31. März 2027 um 23:59" (the Land's time). */
export const germanDateTime = (iso: string | Date) => BERLIN.format(new Date(iso));

/** An answer as a person reads it: Ja/Nein, numbers the German way, text as written. */
export function answerText(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'Ja' : 'Nein';
  if (typeof value === 'number') return value.toLocaleString('de-DE');
  return value;
}
