import { useState } from 'preact/hooks';
import { CreateBox, TextField, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { kindsLabel, type Entry } from './model';

/** Platform admins: a town into the register, with its district (Stadtkreis or Landkreis) and its AGS. */
export function AddTownForm({ register, onAdded }: { register: Entry[]; onAdded: () => void }) {
  const id = useId('town');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const [ags, setAgs] = useState('');
  const [added, setAdded] = useState<Entry | null>(null);
  const districts = register.filter((o) => o.kind === 'Stadtkreis' || o.kind === 'Landkreis');
  const parent = districts.find((o) => o.id === parentId);
  const add = useAction(async () => {
    setAdded(null);
    const town = await api<Entry>('POST', '/organisations', {
      name: name.trim(),
      kind: 'town',
      parentId,
      ...(ags.trim() ? { ags: ags.trim() } : {}),
    });
    setAdded(town);
    setName('');
    setAgs('');
    onAdded();
  });
  return (
    <CreateBox
      summary={t('orgAddTown')}
      action={add}
      submit={t('orgAddTown')}
      after={
        added && (
          <p role="status">
            {t('orgTownAdded', { name: added.name })}{' '}
            <a href={`#/organisations/${added.id}`}>{t('orgOpen')}</a>
          </p>
        )
      }
    >
      <TextField
        id={`${id}-name`}
        label={t('orgTownName')}
        required
        maxLength={200}
        value={name}
        onValue={setName}
      />
      <div class="field">
        <label for={`${id}-parent`}>{t('orgTownParent')}</label>
        <select
          id={`${id}-parent`}
          required
          value={parentId}
          onChange={(e) => setParentId((e.target as HTMLSelectElement).value)}
        >
          <option value="">{t('orgTownParentChoose')}</option>
          {(['Stadtkreis', 'Landkreis'] as const).map((kind) => (
            <optgroup key={kind} label={kindsLabel(kind)}>
              {districts
                .filter((o) => o.kind === kind)
                .map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={`${id}-ags`}>{t('orgTownAgs')}</label>
        <input
          id={`${id}-ags`}
          inputMode="numeric"
          pattern="[0-9]{8}"
          maxLength={8}
          aria-describedby={`${id}-ags-hint`}
          value={ags}
          onInput={(e) => setAgs((e.target as HTMLInputElement).value)}
        />
        <p class="hint" id={`${id}-ags-hint`}>
          {parent?.kreisschluessel
            ? t('orgTownAgsHint', { key: parent.kreisschluessel })
            : t('orgTownAgsHintNone')}
        </p>
      </div>
    </CreateBox>
  );
}
