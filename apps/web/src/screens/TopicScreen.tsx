import { useEffect, useRef, useState } from 'preact/hooks';
import {
  CreateBox,
  ErrorView,
  FormError,
  Loading,
  MarkdownInput,
  Section,
  TextField,
  personName,
  useAction,
  useAsync,
} from '../components/common';
import { FollowButton } from '../components/FollowButton';
import { RelativeTime } from '../components/RelativeTime';
import { TopicFields, useTopicFields, type Visibility } from '../components/TopicFields';
import { all, api, optional } from '../lib/api';
import { t, useLocale } from '../lib/i18n';
import { readAgain, useStream } from '../lib/live';
import { navigate } from '../lib/router';
import { session } from '../lib/session';
import {
  mayModerate,
  type Draft,
  type Group,
  type Person,
  type Thread,
  type ThreadActivity,
  type Topic,
} from '../lib/types';
import { useMentions } from './thread/useMentions';
import './thread/discussion.css';

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
    // The first read may have happened before the subscription took: read again once it has, so that a change
    // between the two is not missed (a read still under way is superseded).
    onReady: (ok) => ok && readAgain(data),
    onEvent: (event) => {
      const d = data.data;
      // An event before the first load finished: that load may have read the old state; read again.
      if (!d) return readAgain(data);
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
  const isAdmin = !!session.user?.isAdmin;
  // As the api decides: the group's members (not observers); in a network topic every signed-in person.
  const canWrite =
    isAdmin || topic.visibility === 'network' || (!!group?.myRole && group.myRole !== 'observer');
  const canManage = mayModerate(group?.myRole, isAdmin);
  const [composing, setComposing] = useState(false);

  return (
    <div class="page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/groups">{t('navGroups')}</a>
        {group && (
          <>
            {' › '}
            <a href={`#/groups/${group.id}`}>{group.name}</a>
          </>
        )}
      </nav>
      <div class="title-row">
        <h1>{topic.title}</h1>
        <div class="title-tools">
          {canWrite && (
            <button
              type="button"
              class="primary"
              aria-expanded={composing}
              aria-controls="new-thread"
              onClick={() => setComposing(!composing)}
            >
              {t('newThread')}
            </button>
          )}
          <FollowButton type="topic" id={topic.id} />
        </div>
      </div>
      {topic.description && <p class="lead">{topic.description}</p>}
      <p class="meta topic-visibility">
        <strong>{t(`visibility_${topic.visibility}`)}:</strong> {t(`visibilityHint_${topic.visibility}`)}
      </p>
      {canWrite && composing && (
        <NewThread topicId={topicId} groupId={topic.groupId} onCancel={() => setComposing(false)} />
      )}
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
                    <span class="thread-starter">{t('threadStarter', { name: personName(th.author) })}</span>
                  </div>
                  <div class="thread-stats meta">
                    <span class="thread-count">{t('posts', { count: th.postCount })}</span>
                    <LastActivity iso={th.lastActivityAt} />
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

/** "Letzte Aktivität vor 5 Minuten", the time relative with the exact one as its title, in either word order. */
function LastActivity({ iso }: { iso: string }) {
  const [before, after = ''] = t('lastActivity', { time: '\u0000' }).split('\u0000');
  return (
    <span class="thread-activity">
      {before}
      <RelativeTime iso={iso} />
      {after}
    </span>
  );
}

/** The form that the "New discussion" button at the top opens: title and first post (with @mentions). */
function NewThread(props: { topicId: string; groupId: string; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const formRef = useRef<HTMLFormElement | null>(null);
  const create = useAction(async () => {
    const thread = await api<Thread>('POST', `/topics/${props.topicId}/threads`, {
      title: title.trim(),
      body,
    });
    navigate(`/threads/${thread.id}`);
  });
  const [chosen, setChosen] = useState<Map<string, Person>>(new Map());
  const mention = useMentions({
    groupId: props.groupId,
    value: body,
    setValue: setBody,
    textareaRef: bodyRef,
    onChosen: (p) => setChosen((m) => new Map(m).set(p.id, p)),
  });
  useEffect(() => formRef.current?.querySelector<HTMLInputElement>('#thread-title')?.focus(), []);
  return (
    <section class="new-thread" id="new-thread" aria-labelledby="new-thread-title">
      <h2 id="new-thread-title">{t('newThread')}</h2>
      <p class="muted">{t('newThreadIntro')}</p>
      <form
        ref={formRef}
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
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
          textareaRef={bodyRef}
          mentions={{ people: chosen, me: session.user?.id }}
          onKeyDown={mention.onKeyDown}
          textareaAttrs={mention.textareaAttrs}
        >
          {mention.popup}
        </MarkdownInput>
        <FormError error={create.error} />
        <div class="row">
          <button type="submit" class="primary" disabled={create.busy}>
            {t('startThread')}
          </button>
          <button type="button" onClick={props.onCancel}>
            {t('cancel')}
          </button>
        </div>
      </form>
    </section>
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
