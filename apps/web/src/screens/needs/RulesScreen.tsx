import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, useAction, useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { t, useLocale } from '../../lib/i18n';
import type { Rule } from './model';
import './needs.css';

/** The signal rules: on or off, and their thresholds (platform admins and the ministry's admins change them). */
export function RulesScreen() {
  useLocale();
  const rules = useAsync(() => api<{ items: Rule[] }>('GET', '/needs/rules').then((r) => r.items), []);
  if (rules.error !== undefined) return <ErrorView error={rules.error} onRetry={rules.reload} />;
  if (!rules.data) return <Loading />;
  return (
    <div class="page n-rules">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/bedarfe">{t('nRadarTitle')}</a>
      </nav>
      <h1>{t('nRulesTitle')}</h1>
      <p class="lead">{t('nRulesLead')}</p>
      {rules.data.map((rule) => (
        <RuleForm key={rule.rule} rule={rule} />
      ))}
    </div>
  );
}

function RuleForm({ rule: initial }: { rule: Rule }) {
  const [rule, setRule] = useState(initial);
  const [enabled, setEnabled] = useState(initial.enabled);
  const [params, setParams] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(initial.params).map(([k, v]) => [k, String(v)])),
  );
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const next = await api<Rule>('PUT', `/needs/rules/${rule.rule}`, {
      enabled,
      params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Number(v)])),
    });
    setRule(next);
    setSaved(true);
  });
  const id = `rule-${rule.rule}`;
  return (
    <form
      class="n-rule stack"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        void save.run();
      }}
    >
      <h2 id={`${id}-h`}>{t(`nRule_${rule.rule}` as 'nRule_rising_cluster')}</h2>
      <p>{t(`nRuleText_${rule.rule}` as 'nRuleText_rising_cluster')}</p>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={enabled}
          onChange={(e) => setEnabled((e.target as HTMLInputElement).checked)}
        />{' '}
        {t('nRuleEnabled')}
      </label>
      {Object.keys(rule.defaults).map((key) => (
        <div class="field" key={key}>
          <label for={`${id}-${key}`}>{t(`nParam_${key}` as 'nParam_districts')}</label>
          <input
            id={`${id}-${key}`}
            type="number"
            min={1}
            max={1000}
            required
            value={params[key] ?? ''}
            aria-describedby={`${id}-${key}-hint`}
            onInput={(e) => setParams({ ...params, [key]: (e.target as HTMLInputElement).value })}
          />
          <p class="hint" id={`${id}-${key}-hint`}>
            {t('nParamDefault', { value: rule.defaults[key] })}
          </p>
        </div>
      ))}
      <FormError error={save.error} />
      <div class="row wrap">
        <button type="submit" class="primary" disabled={save.busy}>
          {t('nRuleSave')}
        </button>
        {saved && (
          <span role="status" class="muted">
            {t('nRuleSaved')}
          </span>
        )}
      </div>
    </form>
  );
}
