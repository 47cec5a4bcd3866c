import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { byKind, kindsLabel, loadRegister, type Entry } from '../screens/organisations/model';

/** The network's public bodies (no sign-in needed), for registration and the account page. */
export function useOrganisations(): Entry[] {
  const [organisations, setOrganisations] = useState<Entry[]>([]);
  useEffect(() => {
    void loadRegister()
      .then(setOrganisations)
      .catch(() => undefined);
  }, []);
  return organisations;
}

/**
 * The choice of one's organisation, grouped by kind (ministry, associations, districts, towns); '' is none. Choosing
 * one asks to belong: the hint says that its admins confirm it first.
 */
export function OrganisationSelect({
  id,
  organisations,
  value,
  onChange,
  required,
}: {
  id: string;
  organisations: Entry[];
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
}) {
  if (organisations.length === 0) return null;
  return (
    <div class="field">
      <label for={id}>{t('orgRequestLabel')}</label>
      <select
        id={id}
        value={value}
        required={required}
        aria-describedby={`${id}-hint`}
        onChange={(e) => onChange((e.target as HTMLSelectElement).value)}
      >
        <option value="">{t('organisationNone')}</option>
        {byKind(organisations).map(([kind, entries]) => (
          <optgroup key={kind} label={kindsLabel(kind)}>
            {entries.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p class="hint" id={`${id}-hint`}>
        {t('orgRequestHint')}
      </p>
    </div>
  );
}
