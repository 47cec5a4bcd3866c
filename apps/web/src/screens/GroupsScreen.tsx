import { useState } from 'preact/hooks';
import { CreateBox, ErrorView, Loading, TextField, useAction, useAsync } from '../components/common';
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
      {groups.error !== undefined && <ErrorView error={groups.error} onRetry={groups.reload} level={2} />}
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
      <CreateBox summary={t('createGroup')} action={create} submit={t('create')}>
        <TextField
          id="group-name"
          label={t('groupName')}
          required
          maxLength={200}
          value={name}
          onValue={setName}
        />
        <TextField
          id="group-description"
          label={t('description')}
          rows={2}
          value={description}
          onValue={setDescription}
        />
      </CreateBox>
    </div>
  );
}
