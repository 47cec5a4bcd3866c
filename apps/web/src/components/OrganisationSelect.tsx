import { useEffect, useState } from 'preact/hooks';
import { t, type MessageKey } from '../lib/i18n';
import type { Organisation } from '../lib/types';

/** The network's public bodies (no sign-in needed), for registration and the account page. */
export function useOrganisations(): Organisation[] {
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  useEffect(() => {
    void fetch('/api/v1/organisations')
      .then((r) => (r.ok ? r.json() : { items: [] }))
      .then((b: { items: Organisation[] }) => setOrganisations(b.items))
      .catch(() => undefined);
  }, []);
  return organisations;
}

/** A labelled choice of organisation, grouped by kind (ministry, associations, districts); '' is none. */
export function OrganisationSelect({
  id,
  organisations,
  value,
  onChange,
}: {
  id: string;
  organisations: Organisation[];
  value: string;
  onChange: (value: string) => void;
}) {
  if (organisations.length === 0) return null;
  const kinds = [...new Set(organisations.map((o) => o.kind))];
  return (
    <div class="field">
      <label for={id}>{t('organisation')}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{t('organisationNone')}</option>
        {kinds.map((kind) => (
          <optgroup key={kind} label={t(`orgkind_${kind}` as MessageKey)}>
            {organisations
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
  );
}
