import { useState } from 'preact/hooks';
import {
  CreateBox,
  ErrorView,
  Loading,
  MarkdownInput,
  Section,
  TextField,
  personName,
  useAction,
  useAsync,
} from '../components/common';
import { FollowButton } from '../components/FollowButton';
import { TopicFields, useTopicFields, type Visibility } from '../components/TopicFields';
import { all, api, optional } from '../lib/api';
import { formatTime, t, useLocale } from '../lib/i18n';
import { useStream } from '../lib/live';
import { navigate } from '../lib/router';
import { session } from '../lib/session';
import {
  mayModerate,
  type Draft,
  type Group,
  type Thread,
  type ThreadActivity,
  type Topic,
} from '../lib/types';

/** A thread's unread count, derived from its last post and the reader's marker (as the api computes it). */
function withUnread(th: Thread): Thread {
  return { ...th, unreadCount: Math.max(0, th.lastPostSeq - (th.lastReadSeq ?? 0)) };
}

/** Pinned first, then by last activity (the api's order), for threads that arrive live. */
function sortThreads(threads: Thread[]): Thread[] {
  return [...threads].sort(
    (a, b) => Number(b.pinned) - Number(a.pinned) || b.lastActivityAt.localeCompare(a.lastActivityAt),
  );
}

export function TopicScreen({ topicId }: { topicId: string }) {
  useLocale();
  const data = useAsync(async () => {
    const topic = await api<Topic>('GET', `/topics/${topicId}`);
    const [threads, drafts, group] = await Promise.all([
      all<Thread>(`/topics/${topicId}/threads`, 200),
      optional(all<Draft>(`/topics/${topicId}/drafts`, 200)),
      api<Group>('GET', `/groups/${topic.groupId}`).catch(() => null),
    ]);
    return { topic, threads, drafts, group };
  }, [topicId]);
  const [announcement, setAnnouncement] = useState('');

  useStream(`topic:${topicId}`, {
    onEvent: (event) => {
      const d = data.data;
      if (!d) return;
      if (event.type === 'thread.created' || event.type === 'thread.moved') {
        const { thread, toTopicId } = event.data as { thread: Thread; toTopicId?: string };
        const here = event.type === 'thread.created' || toTopicId === topicId;
        const rest = d.threads.filter((x) => x.id !== thread.id);
        const mine = thread.authorId === session.user?.id;
        const incoming = withUnread({ ...thread, lastReadSeq: mine ? thread.lastPostSeq : 0 });
        data.setData({ ...d, threads: here ? sortThreads([incoming, ...rest]) : rest });
        if (here && event.type === 'thread.created' && !mine)
          setAnnouncement(t('newThreadLive', { title: thread.title }));
      } else if (event.type === 'topic.activity') {
        // Coalesced (at most one per second): new posts, lock and pin of the topic's threads.
        const { threads } = event.data as { threads: ThreadActivity[] };
        const changed = new Map(threads.map((x) => [x.id, x]));
        const next = d.threads.map((th) => {
          const x = changed.get(th.id);
          return x ? withUnread({ ...th, ...x }) : th;
        });
        data.setData({ ...d, threads: sortThreads(next) });
      } else if (event.type === 'topic.updated') {
        const { topic } = event.data as { topic: Topic };
        data.setData({ ...d, topic });
      } else if (event.type === 'draft.created') {
        const { draft } = event.data as { draft: Draft };
        data.setData({ ...d, drafts: [draft, ...(d.drafts ?? []).filter((x) => x.id !== draft.id)] });
      }
    },
    onResync: () => data.reload(),
  });

  // Reading a thread (here or in another tab or device) clears its unread count in this list at once.
  useStream(session.user ? `user:${session.user.id}` : null, {
    onEvent: (event) => {
      const d = data.data;
      if (!d || event.type !== 'thread.read') return;
      const { threadId, lastReadSeq } = event.data as { threadId: string; lastReadSeq: number };
      data.setData({
        ...d,
        threads: d.threads.map((th) =>
          th.id === threadId && lastReadSeq > (th.lastReadSeq ?? 0) ? withUnread({ ...th, lastReadSeq }) : th,
        ),
      });
    },
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { topic, threads, drafts, group } = data.data;
  const canWrite = group ? group.myRole !== 'observer' : topic.visibility === 'network';
  const canManage = mayModerate(group?.myRole, !!session.user?.isAdmin);

  return (
    <div class="page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/">{t('navGroups')}</a>
        {group && (
          <>
            {' › '}
            <a href={`#/groups/${group.id}`}>{group.name}</a>
          </>
        )}
      </nav>
      <div class="title-row">
        <h1>{topic.title}</h1>
        <FollowButton type="topic" id={topic.id} />
      </div>
      {topic.description && <p class="lead">{topic.description}</p>}
      <p class="meta">{t(`visibility_${topic.visibility}`)}</p>
      {canManage && (
        <TopicSettings
          key={topic.id}
          topic={topic}
          onSaved={(next) => data.setData({ ...data.data!, topic: next })}
        />
      )}
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div class="columns">
        <Section title={t('threads')} class="col-main">
          {threads.length === 0 ? (
            <p class="muted">{t('threadsEmpty')}</p>
          ) : (
            <ul class="thread-list" aria-label={t('threads')}>
              {threads.map((th) => (
                <li
                  key={th.id}
                  class={`thread-item ${th.unreadCount ? 'has-unread' : ''}`}
                  data-thread-id={th.id}
                >
                  <div class="thread-main">
                    <a href={`#/threads/${th.id}`} class="thread-title">
                      {th.title}
                    </a>
                    <span class="meta">
                      {t('by', { name: personName(th.author) })} · {t('posts', { count: th.postCount })} ·{' '}
                      {t('lastActivity', { time: formatTime(th.lastActivityAt) })}
                    </span>
                  </div>
                  <div class="thread-flags">
                    {th.pinned && <span class="tag">{t('pinned')}</span>}
                    {th.locked && <span class="tag tag-warn">{t('locked')}</span>}
                    {!!th.unreadCount && (
                      <span class="unread-badge" aria-label={t('unreadLabel', { count: th.unreadCount })}>
                        {t('unread', { count: th.unreadCount })}
                      </span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {canWrite && <NewThread topicId={topicId} />}
        </Section>
        {drafts && (
          <Section title={t('drafts')} class="col-side">
            {drafts.length === 0 ? (
              <p class="muted">{t('draftsEmpty')}</p>
            ) : (
              <ul class="draft-list">
                {drafts.map((d) => (
                  <li key={d.id}>
                    <a href={`#/drafts/${d.id}`}>{d.title}</a>{' '}
                    <span class={`status status-${d.status}`}>{t(`status_${d.status}`)}</span>
                  </li>
                ))}
              </ul>
            )}
            {canWrite && group && <NewDraft topicId={topicId} />}
          </Section>
        )}
      </div>
    </div>
  );
}

/** Title, description and visibility, for the group's owners and moderators. */
function TopicSettings({ topic, onSaved }: { topic: Topic; onSaved: (topic: Topic) => void }) {
  const fields = useTopicFields({ ...topic, visibility: topic.visibility as Visibility });
  const [done, setDone] = useState(false);
  const save = useAction(async () => {
    setDone(false);
    const next = await api<Topic>('PATCH', `/topics/${topic.id}`, {
      title: fields.title.trim(),
      description: fields.description.trim(),
      visibility: fields.visibility,
    });
    onSaved(next);
    setDone(true);
  });
  return (
    <CreateBox
      summary={t('editTopic')}
      action={save}
      buttons={
        <div class="row">
          <button type="submit" class="primary" disabled={save.busy}>
            {t('save')}
          </button>
          {done && (
            <span role="status" class="muted">
              {t('saved')}
            </span>
          )}
        </div>
      }
    >
      <TopicFields idPrefix="topic-edit" fields={fields}>
        {fields.visibility === 'group' && topic.visibility === 'network' && (
          <p class="muted">{t('visibilityNarrowing')}</p>
        )}
      </TopicFields>
    </CreateBox>
  );
}

function NewThread({ topicId }: { topicId: string }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const create = useAction(async () => {
    const thread = await api<Thread>('POST', `/topics/${topicId}/threads`, { title: title.trim(), body });
    navigate(`/threads/${thread.id}`);
  });
  return (
    <CreateBox summary={t('newThread')} action={create} submit={t('startThread')}>
      <TextField
        id="thread-title"
        label={t('threadTitle')}
        required
        maxLength={200}
        value={title}
        onValue={setTitle}
      />
      <MarkdownInput
        label={t('firstPost')}
        value={body}
        onInput={setBody}
        onSubmit={() => void create.run()}
        required
        rows={5}
      />
    </CreateBox>
  );
}

function NewDraft({ topicId }: { topicId: string }) {
  const [title, setTitle] = useState('');
  const create = useAction(async () => {
    const draft = await api<Draft>('POST', `/topics/${topicId}/drafts`, { title: title.trim(), content: '' });
    navigate(`/drafts/${draft.id}`);
  });
  return (
    <CreateBox summary={t('newDraft')} action={create} submit={t('create')}>
      <TextField
        id="draft-title"
        label={t('draftTitle')}
        required
        maxLength={200}
        value={title}
        onValue={setTitle}
      />
    </CreateBox>
  );
}
