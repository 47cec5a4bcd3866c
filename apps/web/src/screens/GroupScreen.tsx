import { useState } from 'preact/hooks';
import {
  CreateBox,
  ErrorView,
  FormError,
  Loading,
  Section,
  TextField,
  useAction,
  useAsync,
} from '../components/common';
import { TopicFields, useTopicFields } from '../components/TopicFields';
import { VerifiedOrganisation } from '../components/VerifiedOrganisation';
import { all, api } from '../lib/api';
import { formatDate, t, useLocale } from '../lib/i18n';
import { readAgain, useStream } from '../lib/live';
import { useOpenFlagCount } from '../lib/open-flags';
import { navigate } from '../lib/router';
import { session } from '../lib/session';
import { mayModerate, type Group, type Member, type Role, type Topic } from '../lib/types';

interface Invitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

const ROLES: Role[] = ['owner', 'moderator', 'member', 'observer'];

export function GroupScreen({ groupId }: { groupId: string }) {
  useLocale();
  const data = useAsync(async () => {
    const [group, topics, members] = await Promise.all([
      api<Group>('GET', `/groups/${groupId}`),
      api<Topic[] | { items: Topic[] }>('GET', `/groups/${groupId}/topics`),
      all<Member>(`/groups/${groupId}/members`).catch(() => [] as Member[]),
    ]);
    return { group, topics: Array.isArray(topics) ? topics : topics.items, members };
  }, [groupId]);
  // The open flags as the server counts them, kept live from the group's flag events (moderators only).
  const flagCount = useOpenFlagCount(
    groupId,
    !!data.data && mayModerate(data.data.group.myRole, !!session.user?.isAdmin),
  );

  useStream(`group:${groupId}`, {
    // The first read may have happened before the subscription took: read again once it has, so that a change
    // between the two is not missed (a read still under way is superseded).
    onReady: (ok) => ok && readAgain(data),
    onEvent: (event) => {
      // An event before the first load finished: that load may have read the old state; read again.
      if (!data.data) return readAgain(data);
      const d = data.data;
      switch (event.type) {
        case 'topic.created':
        case 'topic.updated': {
          const topic = (event.data as { topic: Topic }).topic;
          data.setData({ ...d, topics: [...d.topics.filter((x) => x.id !== topic.id), topic] });
          break;
        }
        case 'member.added':
        case 'member.removed':
        case 'member.role_changed':
        case 'group.updated':
          data.reload();
          break;
      }
    },
    onResync: () => data.reload(),
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { group, topics, members } = data.data;
  const moderator = mayModerate(group.myRole, !!session.user?.isAdmin);

  return (
    <div class="page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/groups">{t('navGroups')}</a>
      </nav>
      <h1>{group.name}</h1>
      {group.description && <p class="lead">{group.description}</p>}
      <p class="meta">
        {group.myRole && t('yourRole', { role: t(`role_${group.myRole}`) })} ·{' '}
        {t('memberCount', { count: group.memberCount })}
      </p>
      {moderator && (
        <p>
          <a href={`#/groups/${groupId}/moderation`} class="button-link">
            {t('moderationLink')}
            {!!flagCount && <span class="badge-inline"> ({t('openFlags', { count: flagCount })})</span>}
          </a>{' '}
          <a href={`#/groups/${groupId}/consultations`} class="button-link">
            {t('navConsultations')}
          </a>
        </p>
      )}
      <div class="columns">
        <Section title={t('topics')} class="col-main">
          {topics.length === 0 ? (
            <p class="muted">{t('topicsEmpty')}</p>
          ) : (
            <ul class="cards">
              {topics.map((topic) => (
                <li key={topic.id} class="card">
                  <h3 class="card-title">
                    <a href={`#/topics/${topic.id}`}>{topic.title}</a>
                  </h3>
                  {topic.description && <p>{topic.description}</p>}
                  <p class="meta">{t(`visibility_${topic.visibility}`)}</p>
                </li>
              ))}
            </ul>
          )}
          {moderator && <CreateTopic groupId={groupId} />}
        </Section>
        <Section title={t('members')} class="col-side">
          <Members groupId={groupId} members={members} myRole={group.myRole} />
          {moderator && (
            <Invite groupId={groupId} ownerRights={group.myRole === 'owner' || !!session.user?.isAdmin} />
          )}
        </Section>
      </div>
    </div>
  );
}

/**
 * The members with their roles. Owners (and platform admins) change roles; owners remove anyone, moderators
 * remove members and observers; everyone may leave. The api enforces the same rules (and keeps the last owner);
 * the list reloads from the group's live events.
 */
function Members({ groupId, members, myRole }: { groupId: string; members: Member[]; myRole?: Role | null }) {
  const me = session.user?.id;
  const ownerRights = myRole === 'owner' || !!session.user?.isAdmin;
  const mayRemove = (m: Member) =>
    m.userId === me ||
    ownerRights ||
    (myRole === 'moderator' && (m.role === 'member' || m.role === 'observer'));
  const [confirming, setConfirming] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  // A refused change re-renders the select with the role the member still has.
  const [attempt, setAttempt] = useState(0);
  const nameOf = (m: Member) => (m.deleted || !m.displayName ? t('deletedAccount') : m.displayName);
  const changeRole = useAction(async (m: Member, role: Role) => {
    setStatus('');
    try {
      await api('PATCH', `/groups/${groupId}/members/${m.userId}`, { role });
    } finally {
      setAttempt((n) => n + 1);
    }
    setStatus(t('memberSaved', { name: nameOf(m) }));
  });
  const remove = useAction(async (m: Member) => {
    setStatus('');
    await api('DELETE', `/groups/${groupId}/members/${m.userId}`);
    setConfirming(null);
    if (m.userId === me) navigate('/');
  });
  return (
    <>
      <ul class="member-list">
        {members.map((m) => {
          const name = nameOf(m);
          const self = m.userId === me;
          return (
            <li key={m.userId} data-user-id={m.userId}>
              <span class="name">
                {name} {self && <span class="meta">{t('youMarker')}</span>}
              </span>
              <span class="meta">
                {!ownerRights && t(`role_${m.role}`)}
                {!ownerRights && m.organisation && ' · '}
                <VerifiedOrganisation organisation={m.organisation} class="" />
              </span>
              {ownerRights && !m.deleted && (
                <select
                  key={`${m.userId}-${attempt}`}
                  aria-label={t('memberRoleLabel', { name })}
                  value={m.role}
                  disabled={changeRole.busy}
                  onChange={(e) => void changeRole.run(m, (e.target as HTMLSelectElement).value as Role)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`role_${r}`)}
                    </option>
                  ))}
                </select>
              )}
              {mayRemove(m) &&
                (confirming === m.userId ? (
                  <span class="confirm" role="group" aria-label={self ? t('leaveGroup') : t('memberRemove')}>
                    {self ? t('leaveGroupConfirm') : t('memberRemoveConfirm', { name })}{' '}
                    <button
                      type="button"
                      class="danger-button"
                      disabled={remove.busy}
                      onClick={() => void remove.run(m)}
                    >
                      {self ? t('leaveGroupYes') : t('memberRemoveYes')}
                    </button>{' '}
                    <button type="button" onClick={() => setConfirming(null)}>
                      {t('cancel')}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    class="link-button danger"
                    aria-label={self ? t('leaveGroup') : `${t('memberRemove')}: ${name}`}
                    onClick={() => setConfirming(m.userId)}
                  >
                    {self ? t('leaveGroup') : t('memberRemove')}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
      <FormError error={changeRole.error ?? remove.error} />
      <p class="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
    </>
  );
}

function CreateTopic({ groupId }: { groupId: string }) {
  const fields = useTopicFields();
  const create = useAction(async () => {
    const description = fields.description.trim();
    const topic = await api<Topic>('POST', `/groups/${groupId}/topics`, {
      title: fields.title.trim(),
      visibility: fields.visibility,
      ...(description ? { description } : {}),
    });
    navigate(`/topics/${topic.id}`);
  });
  return (
    <CreateBox summary={t('createTopic')} action={create} submit={t('create')}>
      <TopicFields idPrefix="topic" fields={fields} />
    </CreateBox>
  );
}

function Invite({ groupId, ownerRights }: { groupId: string; ownerRights: boolean }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [sent, setSent] = useState<string | null>(null);
  const open = useAsync(
    async () =>
      (await api<{ items: Invitation[] }>('GET', `/groups/${groupId}/invitations`)).items.filter(
        (i) => !i.acceptedAt && !i.revokedAt && i.expiresAt > new Date().toISOString(),
      ),
    [groupId],
  );
  const invite = useAction(async () => {
    await api('POST', `/groups/${groupId}/invitations`, { email: email.trim(), role });
    setSent(email.trim());
    setEmail('');
    open.reload();
  });
  const withdraw = useAction(async (invitation: Invitation) => {
    await api('DELETE', `/groups/${groupId}/invitations/${invitation.id}`);
    open.reload();
  });
  const roles = ownerRights ? ROLES : ROLES.filter((r) => r === 'member' || r === 'observer');
  return (
    <CreateBox
      summary={t('invite')}
      action={invite}
      buttons={
        <>
          {sent && <p role="status">{t('invitationSent', { email: sent })}</p>}
          <button type="submit" disabled={invite.busy}>
            {t('invite')}
          </button>
        </>
      }
      after={
        <>
          {open.data && open.data.length > 0 && (
            <>
              <h3>{t('openInvitations')}</h3>
              <ul class="invitation-list">
                {open.data.map((i) => (
                  <li key={i.id}>
                    <span class="name">{i.email}</span>{' '}
                    <span class="meta">
                      {t(`role_${i.role}`)} · {t('invitationExpires', { date: formatDate(i.expiresAt) })}
                    </span>{' '}
                    <button
                      type="button"
                      class="link-button danger"
                      aria-label={t('invitationWithdrawFor', { email: i.email })}
                      disabled={withdraw.busy}
                      onClick={() => void withdraw.run(i)}
                    >
                      {t('invitationWithdraw')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
          <FormError error={open.error ?? withdraw.error} />
        </>
      }
    >
      <TextField
        id="invite-email"
        label={t('email')}
        type="email"
        required
        value={email}
        onValue={setEmail}
      />
      <div class="field">
        <label for="invite-role">{t('role')}</label>
        <select
          id="invite-role"
          value={role}
          onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {t(`role_${r}`)}
            </option>
          ))}
        </select>
      </div>
    </CreateBox>
  );
}
