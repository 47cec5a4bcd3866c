import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import {
  classes,
  classOf,
  formatNumber,
  measure,
  REGIERUNGSBEZIRKE,
  type Measure,
  type RollupRow,
} from './model';
import { edges, GRID_COLS, GRID_ROWS, RB_LABELS, TILES } from './tile-grid';

/**
 * The 44 districts as a tile grid map: each tile names its district and writes the number on it; the shading
 * repeats the number in five classes (legend below), and the Regierungsbezirke are outlined with thick borders
 * and named. "Tabelle" shows the same numbers as a table, sorted by Regierungsbezirk — the accessible
 * alternative (the map itself is one labelled image of the table's content for screen readers).
 */
export function DistrictMap(props: { rows: RollupRow[]; measure: Measure; caption: string }) {
  const [view, setView] = useState<'map' | 'table'>('map');
  const byKey = new Map(props.rows.map((r) => [r.key, r]));
  const value = (key: string) => {
    const row = byKey.get(key);
    return row ? measure(row, props.measure) : 0;
  };
  const max = Math.max(0, ...TILES.map((tile) => value(tile.key)));
  const scale = classes(max);
  const measureLabel = t(`nMeasure_${props.measure}`);
  return (
    <div class="n-map-block">
      <div class="n-toggle" role="group" aria-label={t('nMapView')}>
        <button type="button" aria-pressed={view === 'map'} onClick={() => setView('map')}>
          {t('nShowMap')}
        </button>
        <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          {t('nShowTable')}
        </button>
      </div>
      {view === 'map' ? (
        <>
          <div class="n-map-scroll" role="region" aria-label={props.caption} tabIndex={0}>
            <figure class="n-map" aria-label={t('nMapAlt', { measure: measureLabel })}>
              <div
                class="n-grid"
                style={{
                  gridTemplateColumns: `repeat(${GRID_COLS}, minmax(6.8rem, 1fr))`,
                  gridTemplateRows: `repeat(${GRID_ROWS}, auto)`,
                }}
              >
                {TILES.map((tile) => {
                  const row = byKey.get(tile.key);
                  const v = value(tile.key);
                  const e = edges(tile);
                  const cls = [
                    'n-tile',
                    `n-shade-${classOf(v, scale)}`,
                    `n-rb-${REGIERUNGSBEZIRKE.indexOf(tile.rb)}`,
                    e.top ? 'n-edge-top' : '',
                    e.right ? 'n-edge-right' : '',
                    e.bottom ? 'n-edge-bottom' : '',
                    e.left ? 'n-edge-left' : '',
                  ].join(' ');
                  return (
                    <div
                      key={tile.key}
                      class={cls}
                      data-key={tile.key}
                      style={{ gridColumn: tile.col + 1, gridRow: tile.row + 1 }}
                      title={`${row?.name ?? tile.short} (${tile.key}), ${t('nRbName', { name: tile.rb })}: ${measureLabel} ${formatNumber(v)}`}
                    >
                      <span class="n-tile-name">{tile.short}</span>
                      <span class="n-tile-value" data-value={v}>
                        {formatNumber(v)}
                      </span>
                    </div>
                  );
                })}
                {REGIERUNGSBEZIRKE.map((rb) => (
                  <span
                    key={rb}
                    class="n-rb-label"
                    aria-hidden="true"
                    style={{ gridColumn: RB_LABELS[rb][0] + 1, gridRow: RB_LABELS[rb][1] + 1 }}
                  >
                    <abbr title={t('nRb')}>{t('nRbAbbr')}</abbr> {rb}
                  </span>
                ))}
              </div>
            </figure>
          </div>
          <Legend scale={scale} measureLabel={measureLabel} />
        </>
      ) : (
        <DistrictTable rows={props.rows} measure={props.measure} caption={props.caption} />
      )}
    </div>
  );
}

function Legend(props: { scale: ReturnType<typeof classes>; measureLabel: string }) {
  return (
    <div class="n-legend">
      <p class="n-legend-title">{t('nLegend', { measure: props.measureLabel })}</p>
      <ul>
        {props.scale.map((c) => (
          <li key={c.cls}>
            <span class={`n-swatch n-shade-${c.cls}`} aria-hidden="true" />
            {c.cls === 0
              ? t('nLegendNone')
              : c.from === c.to
                ? formatNumber(c.from)
                : t('nLegendRange', { from: formatNumber(c.from), to: formatNumber(c.to) })}
          </li>
        ))}
      </ul>
      <p class="hint">{t('nLegendRb')}</p>
    </div>
  );
}

/** The map's numbers as a table: every district with Kreisschlüssel, Regierungsbezirk and all four measures. */
export function DistrictTable(props: { rows: RollupRow[]; measure: Measure; caption: string }) {
  const tiles = new Map(TILES.map((tile) => [tile.key, tile]));
  const rows = [...props.rows].sort((a, b) => {
    const ra = REGIERUNGSBEZIRKE.indexOf(tiles.get(a.key)?.rb ?? 'Stuttgart');
    const rb = REGIERUNGSBEZIRKE.indexOf(tiles.get(b.key)?.rb ?? 'Stuttgart');
    return ra - rb || a.name.localeCompare(b.name, 'de');
  });
  return (
    <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table class="n-table n-district-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nDistrict')}</th>
            <th scope="col">{t('nKreisschluessel')}</th>
            <th scope="col">{t('nRb')}</th>
            <th scope="col" class={props.measure === 'reports' ? 'n-current' : ''}>
              {t('nMeasure_reports')}
            </th>
            <th scope="col" class={props.measure === 'affected' ? 'n-current' : ''}>
              {t('nMeasure_affected')}
            </th>
            <th scope="col" class={props.measure === 'rising' ? 'n-current' : ''}>
              {t('nMeasure_rising')}
            </th>
            <th scope="col" class={props.measure === 'urgent' ? 'n-current' : ''}>
              {t('nMeasure_urgent')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-key={r.key}>
              <th scope="row">{r.name}</th>
              <td>{r.key}</td>
              <td>{tiles.get(r.key)?.rb ?? r.regierungsbezirk ?? '—'}</td>
              {(['reports', 'affected', 'rising', 'urgent'] as const).map((m) => (
                <td key={m} class="num" data-measure={m} data-value={measure(r, m)}>
                  {formatNumber(measure(r, m))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
