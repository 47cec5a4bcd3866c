import { useState } from 'preact/hooks';
import { ErrorView, Loading, Section, useAsync, useId } from '../../components/common';
import { api, optional } from '../../lib/api';
import { t, useLocale } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import { session } from '../../lib/session';
import { AddTownForm } from './AddTownForm';
import { byKind, kindsLabel, loadRegister, type OwnMembership } from './model';
import './organisations.css';

/**
 * "Organisationen": the organisations the person administers; for platform admins any organisation of the register
 * (to confirm its people) and "Gemeinde hinzufügen".
 */
export function OrganisationsScreen() {
  useLocale();
  const isAdmin = !!session.user?.isAdmin;
  const data = useAsync(
    () =>
      Promise.all([
        loadRegister(),
        optional(api<{ items: OwnMembership[] }>('GET', '/me/organisations')).then((b) => b?.items ?? []),
      ]),
    [],
  );
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const [register, mine] = data.data;
  const administered = mine.filter((m) => m.status === 'confirmed' && m.role === 'admin');
  return (
    <div class="page org-page">
      <h1>{t('orgIndexTitle')}</h1>
      {isAdmin && <p>{t('orgIndexIntro')}</p>}
      {administered.length > 0 && (
        <Section title={t('orgIndexMine')}>
          <ul>
            {administered.map((m) => (
              <li key={m.organisation.id}>
                <a href={`#/organisations/${m.organisation.id}`}>{m.organisation.name}</a>
              </li>
            ))}
          </ul>
        </Section>
      )}
      {isAdmin && <PickOrganisation register={register} />}
      {isAdmin && <AddTownForm register={register} onAdded={data.reload} />}
    </div>
  );
}

function PickOrganisation({ register }: { register: Awaited<ReturnType<typeof loadRegister>> }) {
  const id = useId('org-pick');
  const [choice, setChoice] = useState(register[0]?.id ?? '');
  return (
    <Section title={t('orgManage')}>
      <form
        class="row wrap org-pick"
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) navigate(`/organisations/${choice}`);
        }}
      >
        <div class="field">
          <label for={id}>{t('orgPick')}</label>
          <select id={id} value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
            {byKind(register).map(([kind, entries]) => (
              <optgroup key={kind} label={kindsLabel(kind)}>
                {entries.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <button type="submit">{t('orgOpen')}</button>
      </form>
    </Section>
  );
}
