import { ErrorView, Loading, Section, useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { t, useLocale } from '../../lib/i18n';
import { session } from '../../lib/session';
import { mayModerate, type Group } from '../../lib/types';
import type { Consultation } from './model';
import { useConsultationRoles } from './nav';
import { RoundsTable } from './RoundsTable';
import './consultations.css';

async function roundsOf(groupId: string): Promise<Consultation[]> {
  return (await api<{ items: Consultation[] }>('GET', `/groups/${groupId}/consultations`)).items;
}

/** "Anhörungen": the rounds of every group the person leads or moderates, each with "Neue Anhörung/Abfrage". */
export function ConsultationsScreen() {
  useLocale();
  const roles = useConsultationRoles();
  const data = useAsync(async () => {
    const groups = await api<Group[] | { items: Group[] }>('GET', '/groups');
    const list = (Array.isArray(groups) ? groups : groups.items).filter((g) =>
      mayModerate(g.myRole, !!session.user?.isAdmin),
    );
    return Promise.all(list.map(async (group) => ({ group, rounds: await roundsOf(group.id) })));
  }, []);
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  return (
    <div class="page">
      <h1>{t('cTitleOwners')}</h1>
      <p class="lead">{t('cLeadOwners')}</p>
      {roles.organisation && (
        <p>
          <a href="#/my-consultations">{t('cToMine')}</a>
        </p>
      )}
      {data.data.length === 0 && <p class="muted">{t('cNoGroups')}</p>}
      {data.data.map(({ group, rounds }) => (
        <Section key={group.id} title={group.name}>
          <p>
            <a class="button-link" href={`#/groups/${group.id}/consultations/new`}>
              {t('cNew')}
            </a>
          </p>
          <RoundsTable rounds={rounds} caption={t('cRoundsOf', { group: group.name })} />
        </Section>
      ))}
    </div>
  );
}

/** One group's rounds (linked from the group page). */
export function GroupConsultationsScreen({ groupId }: { groupId: string }) {
  useLocale();
  const data = useAsync(async () => {
    const [group, rounds] = await Promise.all([api<Group>('GET', `/groups/${groupId}`), roundsOf(groupId)]);
    return { group, rounds };
  }, [groupId]);
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { group, rounds } = data.data;
  return (
    <div class="page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href={`#/groups/${groupId}`}>{group.name}</a>
      </nav>
      <h1>{t('cTitleOwners')}</h1>
      <p>
        <a class="button-link" href={`#/groups/${groupId}/consultations/new`}>
          {t('cNew')}
        </a>
      </p>
      <RoundsTable rounds={rounds} caption={t('cRoundsOf', { group: group.name })} />
    </div>
  );
}
