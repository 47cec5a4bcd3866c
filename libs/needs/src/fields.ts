/**
 * The fields of action (Handlungsfelder) of integration policy: the network's common vocabulary for topics,
 * reports and roll-ups. Keys are stable (they are stored); labels are what people read.
 */
export const FIELDS = {
  sprache: { de: 'Sprachförderung', en: 'Language support' },
  bildung: { de: 'Bildung und Kinderbetreuung', en: 'Education and childcare' },
  arbeit: { de: 'Arbeitsmarkt', en: 'Labour market' },
  wohnen: { de: 'Wohnen', en: 'Housing' },
  gesundheit: { de: 'Gesundheit', en: 'Health' },
  teilhabe: { de: 'Teilhabe und Ehrenamt', en: 'Participation and volunteering' },
  antidiskriminierung: { de: 'Antidiskriminierung', en: 'Anti-discrimination' },
  integrationsmanagement: { de: 'Integrationsmanagement', en: 'Integration management' },
} as const;

export type FieldKey = keyof typeof FIELDS;
export const FIELD_KEYS = Object.keys(FIELDS) as FieldKey[];

export const TRENDS = ['new', 'rising', 'stable', 'falling'] as const;
export type Trend = (typeof TRENDS)[number];
export const VISIBILITIES = ['ministry', 'network'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export const CADENCES = ['quarterly', 'monthly', 'once'] as const;
export type Cadence = (typeof CADENCES)[number];
