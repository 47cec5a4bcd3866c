import { useMemo, useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, useAction, useAsync, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t, useLocale } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { AddresseePicker, resolveChoice, type AddresseeChoice } from '../consultations/AddresseePicker';
import type { RegisterEntry } from '../consultations/model';
import { FIELD_KEYS, fieldLabel, type Round } from './model';
import './needs.css';

const CADENCES = ['quarterly', 'monthly', 'once'] as const;

/** The reporters a choice reaches, with "alle Kreise" (the api's `districts` set) beside the picker's sets. */
function reached(register: RegisterEntry[], choice: AddresseeChoice, allDistricts: boolean): number {
  const ids = new Set(resolveChoice(register, choice).map((o) => o.id));
  if (allDistricts)
    for (const o of register) if (o.kind === 'Landkreis' || o.kind === 'Stadtkreis') ids.add(o.id);
  return ids.size;
}

/** Parses "7, 1" into [7, 1]; null when it is not a list of whole days 1…60. */
export function parseDays(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!parts.every((p) => /^\d+$/.test(p))) return null;
  const days = parts.map(Number);
  return days.every((d) => d >= 1 && d <= 60) ? [...new Set(days)] : null;
}

/** "Neue Berichtsrunde" (platform admins and the ministry's admins). */
export function NewRoundScreen() {
  useLocale();
  const register = useAsync(
    () => api<{ items: RegisterEntry[] }>('GET', '/organisations').then((r) => r.items),
    [],
  );
  if (register.error !== undefined) return <ErrorView error={register.error} onRetry={register.reload} />;
  if (!register.data) return <Loading />;
  return <NewRoundForm register={register.data} />;
}

function NewRoundForm({ register }: { register: RegisterEntry[] }) {
  const id = useId('round');
  const [title, setTitle] = useState('');
  const [cadence, setCadence] = useState<(typeof CADENCES)[number]>('quarterly');
  const [allDistricts, setAllDistricts] = useState(false);
  const [choice, setChoice] = useState<AddresseeChoice>({ sets: [], organisationIds: [] });
  const [fields, setFields] = useState<string[]>([...FIELD_KEYS]);
  const [dueDays, setDueDays] = useState('30');
  const [remind, setRemind] = useState('7, 1');
  const count = useMemo(() => reached(register, choice, allDistricts), [register, choice, allDistricts]);
  const days = parseDays(remind);
  const create = useAction(async () => {
    if (!days) throw new Error(t('nRemindInvalid'));
    await api<Round>('POST', '/needs/rounds', {
      title,
      cadence,
      reporters: {
        sets: [...(allDistricts ? ['districts'] : []), ...choice.sets],
        organisationIds: choice.organisationIds,
      },
      fields,
      dueDays: Number(dueDays),
      remindDaysBefore: days,
    });
    navigate('/bedarfe');
  });
  return (
    <div class="page n-new-round">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/bedarfe">{t('nRadarTitle')}</a>
      </nav>
      <h1>{t('nNewRound')}</h1>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <div class="field">
          <label for={`${id}-title`}>{t('nRoundTitle')}</label>
          <input
            id={`${id}-title`}
            type="text"
            required
            maxLength={200}
            value={title}
            onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
          />
        </div>
        <fieldset>
          <legend>{t('nCadence')}</legend>
          {CADENCES.map((c) => (
            <label key={c} class="checkbox">
              <input
                type="radio"
                name={`${id}-cadence`}
                value={c}
                checked={cadence === c}
                onChange={() => setCadence(c)}
              />{' '}
              {t(`nCadence_${c}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('nReporters')}</legend>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={allDistricts}
              onChange={(e) => setAllDistricts((e.target as HTMLInputElement).checked)}
            />{' '}
            {t('nSet_districts')}
          </label>
          <AddresseePicker register={register} value={choice} onChange={setChoice} />
          <p class="n-reach" role="status">
            {t('nReach', { count })}
          </p>
        </fieldset>
        <fieldset>
          <legend>{t('nFields')}</legend>
          {FIELD_KEYS.map((f) => (
            <label key={f} class="checkbox">
              <input
                type="checkbox"
                checked={fields.includes(f)}
                onChange={(e) =>
                  setFields(
                    (e.target as HTMLInputElement).checked
                      ? FIELD_KEYS.filter((k) => k === f || fields.includes(k))
                      : fields.filter((k) => k !== f),
                  )
                }
              />{' '}
              {fieldLabel(f)}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={`${id}-due`}>{t('nDueDays')}</label>
          <input
            id={`${id}-due`}
            type="number"
            min={1}
            max={365}
            required
            value={dueDays}
            aria-describedby={`${id}-due-hint`}
            onInput={(e) => setDueDays((e.target as HTMLInputElement).value)}
          />
          <p class="hint" id={`${id}-due-hint`}>
            {t('nDueDaysHint')}
          </p>
        </div>
        <div class="field">
          <label for={`${id}-remind`}>{t('nRemindDays')}</label>
          <input
            id={`${id}-remind`}
            type="text"
            inputMode="numeric"
            value={remind}
            aria-invalid={days ? undefined : 'true'}
            aria-describedby={`${id}-remind-hint`}
            onInput={(e) => setRemind((e.target as HTMLInputElement).value)}
          />
          <p class="hint" id={`${id}-remind-hint`}>
            {t('nRemindHint')}
          </p>
        </div>
        <FormError error={create.error} />
        <button type="submit" class="primary" disabled={create.busy || !count || !fields.length}>
          {t('nCreateRound')}
        </button>
      </form>
    </div>
  );
}
