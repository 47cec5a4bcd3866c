import {
  FIELDS,
  FIELD_KEYS,
  TRENDS,
  VISIBILITIES,
  type FieldKey,
  type Trend,
  type Visibility,
} from '../fields';

/** What people read in the exported files (German, as the network works), and read back on import. */
export const TREND_LABELS: Record<Trend, string> = {
  new: 'neu',
  rising: 'steigend',
  stable: 'gleichbleibend',
  falling: 'sinkend',
};

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  ministry: 'nur Ministerium',
  network: 'Netzwerk',
};

export const STATUS_LABELS: Record<'drafting' | 'released' | 'nil_return', string> = {
  drafting: 'in Arbeit',
  released: 'freigegeben',
  nil_return: 'Fehlanzeige',
};

export const LEVEL_LABELS: Record<'district' | 'regierungsbezirk' | 'land', string> = {
  district: 'Kreis',
  regierungsbezirk: 'Regierungsbezirk',
  land: 'Land',
};

export const fieldLabel = (field: string): string => FIELDS[field as FieldKey]?.de ?? field;

/** Lower case, umlauts spelled out, nothing but letters and digits: how names are compared on import. */
export function normalise(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

function lookup<K extends string>(keys: readonly K[], names: (key: K) => string[]) {
  const map = new Map<string, K>();
  for (const key of keys) for (const name of [key, ...names(key)]) map.set(normalise(name), key);
  return (value: string): K | undefined => map.get(normalise(value));
}

/** A field of action by its key (`sprache`) or label, German or English (`Sprachförderung`, `Language support`). */
export const parseField = lookup(FIELD_KEYS, (k) => [FIELDS[k].de, FIELDS[k].en]);
/** A trend by its key (`rising`) or German label (`steigend`; also `gleich`, `stabil`, `fallend`). */
export const parseTrend = lookup(TRENDS, (k) => [
  TREND_LABELS[k],
  ...({ new: [], rising: [], stable: ['gleich', 'stabil'], falling: ['fallend'] } as Record<Trend, string[]>)[
    k
  ],
]);
/** A visibility by its key (`network`) or label (`Netzwerk`, `nur Ministerium`, `Ministerium`). */
export const parseVisibility = lookup(VISIBILITIES, (k) => [
  VISIBILITY_LABELS[k],
  k === 'ministry' ? 'Ministerium' : 'alle',
]);
