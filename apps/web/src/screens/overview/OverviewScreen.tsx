import { useEffect, useRef } from 'preact/hooks';
import { ErrorView, Loading, useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { t, useLocale } from '../../lib/i18n';
import { useStreams } from '../../lib/live';
import { session } from '../../lib/session';
import { NewThreads } from './NewThreads';
import { OpenNotifications } from './OpenNotifications';
import { OverviewDrafts } from './OverviewDrafts';
import { OverviewNeeds } from '../needs/OverviewNeeds';
import type { Overview } from './types';

/** News are gathered for this long, then asked for once: at most one request a second, however busy the groups. */
const REFETCH_DELAY_MS = 1000;

/**
 * The start page after sign-in: what is new in the person's groups, their open notifications, the drafts that
 * concern them — one request (`GET /me/overview`), kept live by following the streams the answer names and
 * asking again (at most once a second) when one of them has news, or when the tab becomes visible again.
 */
export function OverviewScreen() {
  useLocale();
  const overview = useAsync(() => api<Overview>('GET', '/me/overview'), []);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetch = () => {
    if (timer.current !== undefined) return; // already asked for; that answer will include this news too
    timer.current = setTimeout(() => {
      timer.current = undefined;
      overview.reload();
    }, REFETCH_DELAY_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    const onVisible = () => document.visibilityState === 'visible' && refetch();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, []);
  useStreams(overview.data?.streams ?? [], {
    onEvent: refetch,
    onResync: refetch,
  });

  const data = overview.data;
  return (
    <div class="page overview-page">
      <h1>{t('overviewTitle')}</h1>
      <p class="lead">
        {t('overviewGreeting', { name: session.user?.displayName ?? '' })} {t('overviewLead')}
      </p>
      {!data && overview.loading && <Loading />}
      {overview.error !== undefined && !data && (
        <ErrorView error={overview.error} onRetry={overview.reload} level={2} />
      )}
      {data && (
        <div class="overview-grid">
          <div class="overview-col">
            <NewThreads items={data.threads.items} more={data.threads.more} />
            <OverviewDrafts items={data.drafts.items} more={data.drafts.more} />
          </div>
          <div class="overview-col">
            <OpenNotifications
              items={data.notifications.items}
              unreadCount={data.notifications.unreadCount}
            />
            <OverviewNeeds />
            <section class="overview-section" aria-labelledby="overview-groups">
              <h2 id="overview-groups">{t('overviewGroups')}</h2>
              {data.groups.length === 0 ? (
                <p class="muted overview-empty">{t('overviewGroupsEmpty')}</p>
              ) : (
                <ul class="overview-groups">
                  {data.groups.map((g) => (
                    <li key={g.id}>
                      <a href={`#/groups/${g.id}`}>{g.name}</a>{' '}
                      <span class="meta">{t(`role_${g.myRole}`)}</span>
                    </li>
                  ))}
                </ul>
              )}
              <p>
                <a href="#/groups">{t('overviewGroupsAll')}</a>
              </p>
            </section>
          </div>
        </div>
      )}
    </div>
  );
}
