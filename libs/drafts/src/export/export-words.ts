import type { DraftStatus } from '@runde/events';
import type { ChangeMode } from './settle';

export type ExportLanguage = 'de' | 'en';

/** The export's own words (the text, comments and labels are the members' own, in their language). */
export const WORDS = {
  de: {
    appendix: 'Anhang',
    decisions: 'Entscheidungen',
    resolvedComments: 'Erledigte Kommentare',
    openComments: 'Offene Kommentare',
    openSuggestions: 'Offene Änderungsvorschläge',
    none: 'Keine.',
    accepted: 'Übernommen',
    rejected: 'Abgelehnt',
    suggested: 'Vorschlag',
    deletion: '(streichen)',
    rationale: 'Begründung',
    reason: 'Grund der Ablehnung',
    replies: (n: number) => (n === 1 ? '1 Antwort' : `${n} Antworten`),
    reply: 'Antwort',
    revision: 'Fassung',
    version: 'Version',
    deleted: 'gelöschtes Konto',
    group: 'Arbeitsgruppe',
    status: 'Status',
    asOf: 'Stand',
    exportedAt: 'Exportiert am',
    changes: 'Änderungsvorschläge im Text',
    changeModes: {
      tracked: 'als Überarbeitungen nachverfolgt (annehmen oder ablehnen in Word oder LibreOffice)',
      rejected: 'nicht übernommen (der Text ohne die offenen Vorschläge)',
      accepted: 'alle übernommen (der Text mit allen offenen Vorschlägen)',
    } satisfies Record<ChangeMode, string>,
    page: 'Seite',
    of: 'von',
    statuses: {
      draft: 'Entwurf',
      consultation: 'Anhörung',
      revision: 'Überarbeitung',
      adopted: 'Beschlossen',
      archived: 'Archiviert',
    } satisfies Record<DraftStatus, string>,
  },
  en: {
    appendix: 'Appendix',
    decisions: 'Decisions',
    resolvedComments: 'Resolved comments',
    openComments: 'Open comments',
    openSuggestions: 'Open suggestions',
    none: 'None.',
    accepted: 'Accepted',
    rejected: 'Rejected',
    suggested: 'Suggested',
    deletion: '(delete)',
    rationale: 'Rationale',
    reason: 'Reason',
    replies: (n: number) => (n === 1 ? '1 reply' : `${n} replies`),
    reply: 'Reply',
    revision: 'Revision',
    version: 'Version',
    deleted: 'deleted account',
    group: 'Working group',
    status: 'Status',
    asOf: 'As of',
    exportedAt: 'Exported on',
    changes: 'Suggested changes in the text',
    changeModes: {
      tracked: 'tracked as revisions (accept or reject them in Word or LibreOffice)',
      rejected: 'left out (the text without the open suggestions)',
      accepted: 'all taken (the text with every open suggestion)',
    } satisfies Record<ChangeMode, string>,
    page: 'Page',
    of: 'of',
    statuses: {
      draft: 'Draft',
      consultation: 'Consultation',
      revision: 'Revision',
      adopted: 'Adopted',
      archived: 'Archived',
    } satisfies Record<DraftStatus, string>,
  },
} as const;
export type Words = (typeof WORDS)[ExportLanguage];

/** Dates as people read them, in the network's time zone. */
export function dateOf(at: Date, lang: ExportLanguage): string {
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Berlin',
  }).format(at);
}

/**
 * What the exports add after the text: decisions on suggestions and resolved comments (every format), and the
 * comments and suggestions still open at the time of the export (the document formats: DOCX, ODT, PDF).
 */
export interface Appendix {
  decisions: Array<{
    outcome: string;
    quote: string;
    replacement: string;
    rationale: string;
    reason: string | null;
    by: string;
    at: string;
  }>;
  resolved: Array<{ quote: string | null; body: string; by: string; at: string; replies: number }>;
  openComments: Array<{
    quote: string | null;
    body: string;
    by: string;
    at: string;
    replies: Array<{ body: string; by: string; at: string }>;
  }>;
  openSuggestions: Array<{ quote: string; replacement: string; rationale: string; by: string; at: string }>;
}
