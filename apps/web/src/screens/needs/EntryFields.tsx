import { t } from '../../lib/i18n';
import { TRENDS, type Trend, type Visibility } from './model';
import type { LocalEntry } from './report-draft';

/**
 * The questions of one need: target group, Betroffene (rough number), Tendenz, Dringlichkeit 1–5, what exists,
 * what is missing, support wanted from the Land, Belege, and who may see it. `id` prefixes the inputs' ids.
 */
export function EntryFields(props: {
  id: string;
  value: LocalEntry;
  onChange: (next: LocalEntry) => void;
  disabled?: boolean;
}) {
  const { id, value: e, disabled } = props;
  const set = <K extends keyof LocalEntry>(key: K, v: LocalEntry[K]) => props.onChange({ ...e, [key]: v });
  const text = (key: 'existing' | 'missing' | 'support' | 'evidence', rows = 2) => (
    <div class="field">
      <label for={`${id}-${key}`}>{t(`nEntry_${key}`)}</label>
      <textarea
        id={`${id}-${key}`}
        rows={rows}
        maxLength={10000}
        value={e[key]}
        disabled={disabled}
        onInput={(ev) => set(key, (ev.target as HTMLTextAreaElement).value)}
      />
    </div>
  );
  const missingTarget = !e.targetGroup.trim();
  return (
    <div class="n-entry-fields">
      <div class="field">
        <label for={`${id}-target`}>{t('nEntry_targetGroup')}</label>
        <input
          id={`${id}-target`}
          type="text"
          maxLength={500}
          required
          aria-invalid={missingTarget ? 'true' : undefined}
          aria-describedby={`${id}-target-hint`}
          value={e.targetGroup}
          disabled={disabled}
          onInput={(ev) => set('targetGroup', (ev.target as HTMLInputElement).value)}
        />
        <p class="hint" id={`${id}-target-hint`}>
          {missingTarget ? t('nEntryTargetMissing') : t('nEntryTargetHint')}
        </p>
      </div>
      <div class="n-entry-row">
        <div class="field">
          <label for={`${id}-affected`}>{t('nEntry_affected')}</label>
          <input
            id={`${id}-affected`}
            type="number"
            inputMode="numeric"
            min={0}
            max={10000000}
            step={1}
            value={e.affected}
            disabled={disabled}
            aria-describedby={`${id}-affected-hint`}
            onInput={(ev) => set('affected', (ev.target as HTMLInputElement).value)}
          />
          <p class="hint" id={`${id}-affected-hint`}>
            {t('nEntryAffectedHint')}
          </p>
        </div>
        <div class="field">
          <label for={`${id}-trend`}>{t('nEntry_trend')}</label>
          <select
            id={`${id}-trend`}
            value={e.trend}
            disabled={disabled}
            onChange={(ev) => set('trend', (ev.target as HTMLSelectElement).value as Trend)}
          >
            {TRENDS.map((tr) => (
              <option key={tr} value={tr}>
                {t(`nTrend_${tr}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${id}-severity`}>{t('nEntry_severity')}</label>
          <select
            id={`${id}-severity`}
            value={String(e.severity)}
            disabled={disabled}
            onChange={(ev) => set('severity', Number((ev.target as HTMLSelectElement).value))}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={String(n)}>
                {t(`nSeverity_${n}` as 'nSeverity_1')}
              </option>
            ))}
          </select>
        </div>
      </div>
      {text('existing')}
      {text('missing')}
      {text('support')}
      {text('evidence')}
      <fieldset class="n-visibility">
        <legend>{t('nEntry_visibility')}</legend>
        {(['ministry', 'network'] as Visibility[]).map((v) => (
          <label key={v} class="checkbox">
            <input
              type="radio"
              name={`${id}-visibility`}
              value={v}
              checked={e.visibility === v}
              disabled={disabled}
              onChange={() => set('visibility', v)}
            />{' '}
            {t(`nVisibility_${v}`)}
          </label>
        ))}
      </fieldset>
    </div>
  );
}
