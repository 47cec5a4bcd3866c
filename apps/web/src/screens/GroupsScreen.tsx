import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, useAction, useAsync } from '../components/common';
import { all, api } from '../lib/api';
import { t, useLocale } from '../lib/i18n';
import { navigate } from '../lib/router';
import type { Group } from '../lib/types';

export function GroupsScreen() {
  useLocale();
  const groups = useAsync(() => all<Group>('/groups'), []);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const create = useAction(async () => {
    const group = await api<Group>('POST', '/groups', { name: name.trim(), description: description.trim() });
    navigate(`/groups/${group.id}`);
  });
  return (
    <div class="page">
      <h1>{t('groupsTitle')}</h1>
      {groups.loading && !groups.data && <Loading />}
      {groups.error !== undefined && <ErrorView error={groups.error} onRetry={groups.reload} />}
      {groups.data &&
        (groups.data.length === 0 ? (
          <p class="muted">{t('groupsEmpty')}</p>
        ) : (
          <ul class="cards">
            {groups.data.map((g) => (
              <li key={g.id} class="card">
                <h2 class="card-title">
                  <a href={`#/groups/${g.id}`}>{g.name}</a>
                </h2>
                {g.description && <p>{g.description}</p>}
                <p class="meta">
                  {t('memberCount', { count: g.memberCount })}
                  {g.myRole && <> · {t(`role_${g.myRole}`)}</>}
                </p>
              </li>
            ))}
          </ul>
        ))}
      <details class="create-box">
        <summary>{t('createGroup')}</summary>
        <form
          class="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void create.run();
          }}
        >
          <div class="field">
            <label for="group-name">{t('groupName')}</label>
            <input
              id="group-name"
              required
              maxLength={200}
              value={name}
              onInput={(e) => setName((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="group-description">{t('description')}</label>
            <textarea
              id="group-description"
              rows={2}
              value={description}
              onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
            />
          </div>
          <FormError error={create.error} />
          <button type="submit" class="primary" disabled={create.busy}>
            {t('create')}
          </button>
        </form>
      </details>
    </div>
  );
}
