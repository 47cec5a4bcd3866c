/**
 * Baden-Württemberg's 44 Stadt- and Landkreise as a tile grid: one square per district, placed roughly where it
 * lies (north up; Mannheim top left, Main-Tauber top right, Lörrach bottom left, the Bodensee bottom middle).
 * Hand-made, keyed by Kreisschlüssel; `short` is the name a tile can carry (Heilbronn and Karlsruhe are each a
 * Stadtkreis and a Landkreis).
 */
export interface Tile {
  key: string;
  short: string;
  col: number;
  row: number;
  rb: 'Stuttgart' | 'Karlsruhe' | 'Freiburg' | 'Tübingen';
}

export const GRID_COLS = 7;
export const GRID_ROWS = 8;

const S = 'Stuttgart';
const K = 'Karlsruhe';
const F = 'Freiburg';
const T = 'Tübingen';

export const TILES: Tile[] = [
  // row 0
  { key: '08222', short: 'Mannheim', col: 1, row: 0, rb: K },
  { key: '08221', short: 'Heidelberg', col: 2, row: 0, rb: K },
  { key: '08225', short: 'Neckar-Odenwald', col: 4, row: 0, rb: K },
  { key: '08128', short: 'Main-Tauber', col: 5, row: 0, rb: S },
  // row 1
  { key: '08226', short: 'Rhein-Neckar', col: 2, row: 1, rb: K },
  { key: '08125', short: 'Heilbronn (Lkr.)', col: 3, row: 1, rb: S },
  { key: '08121', short: 'Heilbronn (Stadt)', col: 4, row: 1, rb: S },
  { key: '08126', short: 'Hohenlohe', col: 5, row: 1, rb: S },
  { key: '08127', short: 'Schwäbisch Hall', col: 6, row: 1, rb: S },
  // row 2
  { key: '08212', short: 'Karlsruhe (Stadt)', col: 1, row: 2, rb: K },
  { key: '08215', short: 'Karlsruhe (Lkr.)', col: 2, row: 2, rb: K },
  { key: '08236', short: 'Enzkreis', col: 3, row: 2, rb: K },
  { key: '08118', short: 'Ludwigsburg', col: 4, row: 2, rb: S },
  { key: '08119', short: 'Rems-Murr', col: 5, row: 2, rb: S },
  { key: '08136', short: 'Ostalb', col: 6, row: 2, rb: S },
  // row 3
  { key: '08211', short: 'Baden-Baden', col: 0, row: 3, rb: K },
  { key: '08216', short: 'Rastatt', col: 1, row: 3, rb: K },
  { key: '08231', short: 'Pforzheim', col: 2, row: 3, rb: K },
  { key: '08115', short: 'Böblingen', col: 3, row: 3, rb: S },
  { key: '08111', short: 'Stuttgart', col: 4, row: 3, rb: S },
  { key: '08117', short: 'Göppingen', col: 5, row: 3, rb: S },
  { key: '08135', short: 'Heidenheim', col: 6, row: 3, rb: S },
  // row 4
  { key: '08317', short: 'Ortenau', col: 0, row: 4, rb: F },
  { key: '08237', short: 'Freudenstadt', col: 1, row: 4, rb: K },
  { key: '08235', short: 'Calw', col: 2, row: 4, rb: K },
  { key: '08416', short: 'Tübingen', col: 3, row: 4, rb: T },
  { key: '08116', short: 'Esslingen', col: 4, row: 4, rb: S },
  { key: '08425', short: 'Alb-Donau', col: 5, row: 4, rb: T },
  { key: '08421', short: 'Ulm', col: 6, row: 4, rb: T },
  // row 5
  { key: '08316', short: 'Emmendingen', col: 0, row: 5, rb: F },
  { key: '08325', short: 'Rottweil', col: 2, row: 5, rb: F },
  { key: '08417', short: 'Zollernalb', col: 3, row: 5, rb: T },
  { key: '08415', short: 'Reutlingen', col: 4, row: 5, rb: T },
  { key: '08426', short: 'Biberach', col: 5, row: 5, rb: T },
  // row 6
  { key: '08311', short: 'Freiburg', col: 0, row: 6, rb: F },
  { key: '08315', short: 'Breisgau-Hochschwarzwald', col: 1, row: 6, rb: F },
  { key: '08326', short: 'Schwarzwald-Baar', col: 2, row: 6, rb: F },
  { key: '08327', short: 'Tuttlingen', col: 3, row: 6, rb: F },
  { key: '08437', short: 'Sigmaringen', col: 4, row: 6, rb: T },
  { key: '08436', short: 'Ravensburg', col: 5, row: 6, rb: T },
  // row 7
  { key: '08336', short: 'Lörrach', col: 0, row: 7, rb: F },
  { key: '08337', short: 'Waldshut', col: 1, row: 7, rb: F },
  { key: '08335', short: 'Konstanz', col: 3, row: 7, rb: F },
  { key: '08435', short: 'Bodensee', col: 4, row: 7, rb: T },
];

/** Where each Regierungsbezirk's name stands: an empty cell beside its tiles. */
export const RB_LABELS: Record<Tile['rb'], [number, number]> = {
  Stuttgart: [6, 0],
  Karlsruhe: [0, 1],
  Freiburg: [1, 5],
  Tübingen: [6, 5],
};

const at = new Map(TILES.map((tile) => [`${tile.col},${tile.row}`, tile]));

/**
 * Which sides of a tile border another Regierungsbezirk or the Land's edge: those are drawn thick, so the four
 * Regierungsbezirke show as outlined regions (not by colour).
 */
export function edges(tile: Tile): { top: boolean; right: boolean; bottom: boolean; left: boolean } {
  const other = (col: number, row: number) => at.get(`${col},${row}`)?.rb !== tile.rb;
  return {
    top: other(tile.col, tile.row - 1),
    right: other(tile.col + 1, tile.row),
    bottom: other(tile.col, tile.row + 1),
    left: other(tile.col - 1, tile.row),
  };
}
