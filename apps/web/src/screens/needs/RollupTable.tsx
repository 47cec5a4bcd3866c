import { t } from '../../lib/i18n';
import { formatNumber, measure, withAllRegierungsbezirke, type RollupRow } from './model';

/** The roll-up by Regierungsbezirk and for the Land: reports, Betroffene, Tendenz and Dringlichkeit. */
export function RollupTable(props: { rb: RollupRow[]; land: RollupRow | null; caption: string }) {
  const rows = withAllRegierungsbezirke(props.rb);
  const land: RollupRow = props.land ?? {
    key: 'BW',
    name: 'Baden-Württemberg',
    reports: 0,
    affected: 0,
    trend: { new: 0, rising: 0, stable: 0, falling: 0 },
    severity: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
  };
  const line = (r: RollupRow, label: string, total = false) => (
    <tr key={r.key} data-key={r.key} class={total ? 'n-total' : undefined}>
      <th scope="row">{label}</th>
      <td class="num">{formatNumber(r.reports)}</td>
      <td class="num">{formatNumber(r.affected)}</td>
      <td class="num">{formatNumber(r.trend.new)}</td>
      <td class="num">{formatNumber(r.trend.rising)}</td>
      <td class="num">{formatNumber(r.trend.stable)}</td>
      <td class="num">{formatNumber(r.trend.falling)}</td>
      <td class="num">{formatNumber(measure(r, 'urgent'))}</td>
    </tr>
  );
  return (
    <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
      <table class="n-table n-rollup-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('nRb')}</th>
            <th scope="col">{t('nMeasure_reports')}</th>
            <th scope="col">{t('nMeasure_affected')}</th>
            <th scope="col">{t('nTrend_new')}</th>
            <th scope="col">{t('nTrend_rising')}</th>
            <th scope="col">{t('nTrend_stable')}</th>
            <th scope="col">{t('nTrend_falling')}</th>
            <th scope="col">{t('nMeasure_urgent')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => line(r, r.name))}
          {line(land, t('nLand'), true)}
        </tbody>
      </table>
    </div>
  );
}
