import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
import { formatNumber, measure, type Measure, type TrendRow } from './model';

const W = 560;
const H = 200;
const PAD = { top: 16, right: 12, bottom: 40, left: 44 };

/**
 * A field's course over the round's periods: one bar per period with its number written above it, and the same
 * numbers as a table (the accessible alternative, one click away).
 */
export function TrendChart(props: { rows: TrendRow[]; measure: Measure; caption: string }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const values = props.rows.map((r) => measure(r, props.measure));
  const max = Math.max(1, ...values);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = props.rows.length ? innerW / props.rows.length : innerW;
  const barW = Math.min(60, step * 0.6);
  return (
    <div class="n-trend">
      <div class="n-toggle" role="group" aria-label={t('nTrendView')}>
        <button type="button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
          {t('nShowChart')}
        </button>
        <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
          {t('nShowTable')}
        </button>
      </div>
      {view === 'chart' ? (
        <figure class="n-chart">
          <svg
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-label={`${props.caption}: ${props.rows
              .map((r, i) => `${r.label} ${formatNumber(values[i])}`)
              .join(', ')}`}
          >
            <line
              x1={PAD.left}
              y1={PAD.top + innerH}
              x2={W - PAD.right}
              y2={PAD.top + innerH}
              class="n-axis"
            />
            <text x={PAD.left - 6} y={PAD.top + 4} class="n-axis-label" text-anchor="end">
              {formatNumber(max)}
            </text>
            <text x={PAD.left - 6} y={PAD.top + innerH} class="n-axis-label" text-anchor="end">
              0
            </text>
            {props.rows.map((r, i) => {
              const h = (values[i] / max) * innerH;
              const x = PAD.left + i * step + (step - barW) / 2;
              const y = PAD.top + innerH - h;
              return (
                <g key={r.periodId}>
                  <rect x={x} y={y} width={barW} height={Math.max(h, values[i] ? 1 : 0)} class="n-bar" />
                  <text x={x + barW / 2} y={y - 4} text-anchor="middle" class="n-bar-value">
                    {formatNumber(values[i])}
                  </text>
                  <text x={x + barW / 2} y={PAD.top + innerH + 16} text-anchor="middle" class="n-axis-label">
                    {r.label}
                  </text>
                </g>
              );
            })}
          </svg>
          <figcaption>{props.caption}</figcaption>
        </figure>
      ) : (
        <div class="table-wrap" role="region" aria-label={props.caption} tabIndex={0}>
          <table class="n-table">
            <caption>{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('nPeriod')}</th>
                <th scope="col">{t('nMeasure_reports')}</th>
                <th scope="col">{t('nMeasure_affected')}</th>
                <th scope="col">{t('nMeasure_rising')}</th>
                <th scope="col">{t('nMeasure_urgent')}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.periodId}>
                  <th scope="row">{r.label}</th>
                  {(['reports', 'affected', 'rising', 'urgent'] as const).map((m) => (
                    <td key={m} class="num">
                      {formatNumber(measure(r, m))}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
