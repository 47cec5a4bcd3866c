import { formatTime, t } from '../../lib/i18n';
import { percent, REGIERUNGSBEZIRKE, type Completeness, type CompletenessRow } from './model';

/** Who reported: expected, freigegeben, Fehlanzeige, in Arbeit, verspätet, Quote, fristgerecht — by Regierungsbezirk. */
export function CompletenessBoard(props: { data: Completeness }) {
  const { data } = props;
  const order = (name: string | null) => {
    const i = (REGIERUNGSBEZIRKE as readonly string[]).indexOf(name ?? '');
    return i < 0 ? 99 : i;
  };
  const rows = [...data.byRegierungsbezirk].sort((a, b) => order(a.name) - order(b.name));
  const line = (r: CompletenessRow, label: string, total = false) => (
    <tr key={label} data-rb={total ? 'land' : (r.name ?? '')} class={total ? 'n-total' : undefined}>
      <th scope="row">{label}</th>
      <td class="num" data-col="expected">
        {r.expected}
      </td>
      <td class="num" data-col="released">
        {r.released}
      </td>
      <td class="num" data-col="nilReturns">
        {r.nilReturns}
      </td>
      <td class="num" data-col="drafting">
        {r.drafting}
      </td>
      <td class="num" data-col="late">
        {r.late}
      </td>
      <td class="num" data-col="rate">
        <span class="n-rate">
          <span class="n-rate-bar" aria-hidden="true">
            <span style={{ width: `${Math.round(r.rate * 100)}%` }} />
          </span>
          {percent(r.rate)}
        </span>
      </td>
      <td class="num" data-col="onTimeRate">
        {percent(r.onTimeRate)}
      </td>
    </tr>
  );
  return (
    <>
      <p class="meta">{t('nDueAt', { time: formatTime(data.dueAt) })}</p>
      <div class="table-wrap" role="region" aria-label={t('nCompleteness')} tabIndex={0}>
        <table class="n-table n-completeness">
          <caption>{t('nCompletenessCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('nRb')}</th>
              <th scope="col">{t('nExpected')}</th>
              <th scope="col">{t('nReleased')}</th>
              <th scope="col">{t('nNilReturns')}</th>
              <th scope="col">{t('nDrafting')}</th>
              <th scope="col">{t('nLate')}</th>
              <th scope="col">{t('nRate')}</th>
              <th scope="col">{t('nOnTime')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => line(r, r.name ? r.name : t('nNoRb')))}
            {line({ ...data, name: null }, t('nLand'), true)}
          </tbody>
        </table>
      </div>
    </>
  );
}
