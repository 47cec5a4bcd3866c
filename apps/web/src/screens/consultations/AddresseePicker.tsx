import { useMemo, useState } from 'preact/hooks';
import { useId } from '../../components/common';
import { t } from '../../lib/i18n';
import { REGIERUNGSBEZIRKE, type RegisterEntry } from './model';

export interface AddresseeChoice {
  sets: string[];
  organisationIds: string[];
}

const SETS = ['landkreise', 'stadtkreise', 'associations'] as const;

/** Which organisations of the register a choice reaches (as the api resolves it), for the count shown. */
export function resolveChoice(register: RegisterEntry[], choice: AddresseeChoice): RegisterEntry[] {
  const ids = new Set(choice.organisationIds);
  return register.filter((o) => {
    if (ids.has(o.id)) return true;
    return choice.sets.some((set) => {
      if (set === 'landkreise') return o.kind === 'Landkreis';
      if (set === 'stadtkreise') return o.kind === 'Stadtkreis';
      if (set === 'associations') return o.kind === 'association';
      const rb = set.slice('regierungsbezirk:'.length);
      return (o.kind === 'Landkreis' || o.kind === 'Stadtkreis') && o.regierungsbezirk === rb;
    });
  });
}

/**
 * Addressees by set (all Landkreise, all Stadtkreise, the kommunale Landesverbände, the districts of a
 * Regierungsbezirk) and one by one from the register (a searchable list of checkboxes). Says how many
 * organisations the choice reaches.
 */
export function AddresseePicker(props: {
  register: RegisterEntry[];
  value: AddresseeChoice;
  onChange: (next: AddresseeChoice) => void;
}) {
  const id = useId('addr');
  const [query, setQuery] = useState('');
  const { value, onChange, register } = props;
  const toggleSet = (set: string, on: boolean) =>
    onChange({ ...value, sets: on ? [...value.sets, set] : value.sets.filter((s) => s !== set) });
  const toggleOrg = (orgId: string, on: boolean) =>
    onChange({
      ...value,
      organisationIds: on
        ? [...value.organisationIds, orgId]
        : value.organisationIds.filter((o) => o !== orgId),
    });
  const reached = useMemo(() => resolveChoice(register, value), [register, value]);
  const q = query.trim().toLowerCase();
  const shown = register.filter(
    (o) =>
      o.kind !== 'ministry' &&
      (!q ||
        o.name.toLowerCase().includes(q) ||
        (o.kreisschluessel ?? '').startsWith(q) ||
        (o.regierungsbezirk ?? '').toLowerCase().includes(q)),
  );
  return (
    <fieldset class="c-addressees">
      <legend>{t('cAddressees')}</legend>
      <fieldset class="c-sets">
        <legend>{t('cBySet')}</legend>
        {SETS.map((set) => (
          <label class="checkbox" key={set}>
            <input
              type="checkbox"
              checked={value.sets.includes(set)}
              onChange={(e) => toggleSet(set, (e.target as HTMLInputElement).checked)}
            />{' '}
            {t(`cSet_${set}`)}
          </label>
        ))}
        {REGIERUNGSBEZIRKE.map((rb) => {
          const set = `regierungsbezirk:${rb}`;
          return (
            <label class="checkbox" key={set}>
              <input
                type="checkbox"
                checked={value.sets.includes(set)}
                onChange={(e) => toggleSet(set, (e.target as HTMLInputElement).checked)}
              />{' '}
              {t('cSetRb', { name: rb })}
            </label>
          );
        })}
      </fieldset>
      <fieldset class="c-one-by-one">
        <legend>{t('cOneByOne')}</legend>
        <div class="field">
          <label for={`${id}-q`}>{t('cSearchOrg')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={query}
            aria-describedby={`${id}-q-hint`}
            onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
          />
          <p class="hint" id={`${id}-q-hint`}>
            {t('cSearchOrgHint', { count: shown.length })}
          </p>
        </div>
        <ul class="c-org-list" aria-label={t('cOrgList')}>
          {shown.map((o) => (
            <li key={o.id}>
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={value.organisationIds.includes(o.id)}
                  onChange={(e) => toggleOrg(o.id, (e.target as HTMLInputElement).checked)}
                />{' '}
                {o.name}
                {o.regierungsbezirk && (
                  <span class="muted"> · {t('cRbShort', { name: o.regierungsbezirk })}</span>
                )}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p class="c-reach" role="status">
        {t('cReach', { count: reached.length })}
      </p>
    </fieldset>
  );
}
