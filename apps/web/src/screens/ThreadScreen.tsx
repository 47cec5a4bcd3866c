import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Envelope, PresenceUser } from '@runde/client';
import {
  ErrorView,
  FormError,
  Loading,
  Markdown,
  MarkdownInput,
  personName,
  TextField,
  useAction,
  useId,
} from '../components/common';
import { FollowButton } from '../components/FollowButton';
import { all, api, HttpError } from '../lib/api';
import { formatTime, t, useLocale, type MessageKey } from '../lib/i18n';
import { realtime, useStream } from '../lib/live';
import { session } from '../lib/session';
import { HIDE_REASONS, mayModerate, type Group, type Post, type Thread, type Topic } from '../lib/types';

interface ThreadState {
  thread: Thread;
  posts: Map<string, Post>;
  group: Group | null;
  /** The read marker when the page opened: the unread divider stays there during the visit. */
  lastReadSeq: number | null;
}

const TYPING_SHOWN_MS = 4000;

export function ThreadScreen({ threadId, focusSeq }: { threadId: string; focusSeq: number | null }) {
  useLocale();
  const stream = `thread:${threadId}`;
  const [state, setState] = useState<ThreadState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [presence, setPresence] = useState<PresenceUser[]>([]);
  const [typing, setTyping] = useState<Record<string, number>>({});
  const [revoked, setRevoked] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const me = session.user!;

  // Events wait here until the REST load they apply on top of is done.
  const loaded = useRef(false);
  const buffered = useRef<Envelope[]>([]);
  const stateRef = useRef(state);
  stateRef.current = state;

  const load = async () => {
    loaded.current = false;
    try {
      const thread = await api<Thread>('GET', `/threads/${threadId}`);
      const [posts, group] = await Promise.all([
        loadPosts(threadId),
        api<Group>('GET', `/groups/${thread.groupId}`).catch(() => null),
      ]);
      const previous = stateRef.current;
      setState({
        thread,
        posts: new Map(posts.map((p) => [p.id, p])),
        group,
        lastReadSeq: previous ? previous.lastReadSeq : (thread.lastReadSeq ?? null),
      });
      loaded.current = true;
      const pending = buffered.current.splice(0);
      for (const e of pending) apply(e);
    } catch (e) {
      setError(e);
    }
  };

  const isPrivileged = (post: Post, s: ThreadState | null) =>
    post.authorId === me.id || mayModerate(s?.group?.myRole, me.isAdmin);

  const upsert = (post: Post) =>
    setState((s) => {
      if (!s) return s;
      const posts = new Map(s.posts);
      const before = posts.get(post.id);
      // Live payloads are the public view; keep what only this viewer may see until it is re-read.
      posts.set(post.id, {
        ...post,
        moderation: post.moderation ?? (post.hidden ? before?.moderation : null),
      });
      return { ...s, posts };
    });

  const refetchPost = (postId: string) =>
    void api<Post>('GET', `/posts/${postId}`).then(upsert, () => undefined);

  function apply(event: Envelope) {
    const data = event.data as { post?: Post; thread?: Thread };
    switch (event.type) {
      case 'post.created':
        if (data.post) {
          upsert(data.post);
          if (data.post.authorId !== me.id)
            setAnnouncement(t('newPostBy', { name: personName(data.post.author) }));
          setTyping((tp) => {
            const next = { ...tp };
            delete next[data.post!.authorId];
            return next;
          });
        }
        break;
      case 'post.updated':
      case 'post.deleted':
      case 'post.unhidden':
      case 'post.hidden':
        if (data.post) {
          upsert(data.post);
          if (
            (event.type === 'post.hidden' || event.type === 'post.unhidden') &&
            isPrivileged(data.post, stateRef.current)
          )
            refetchPost(data.post.id);
        }
        break;
      case 'thread.locked':
      case 'thread.unlocked':
      case 'thread.pinned':
      case 'thread.unpinned':
      case 'thread.moved':
      case 'thread.slow_mode_changed':
        if (data.thread) setState((s) => (s ? { ...s, thread: { ...s.thread, ...data.thread! } } : s));
        break;
    }
  }

  // Subscribe first, then load over REST: everything up to the stream's head is in the REST answer, everything
  // after it arrives as events (applied on top; upserts make repeats harmless).
  const acked = useRef(false);
  useStream(stream, {
    onEvent: (e) => (loaded.current ? apply(e) : buffered.current.push(e)),
    onResync: () => void load(),
    onPresence: (users) => setPresence(users),
    onTyping: (userId) => {
      if (userId === me.id) return;
      setTyping((tp) => ({ ...tp, [userId]: Date.now() + TYPING_SHOWN_MS }));
    },
    onRevoked: () => setRevoked(true),
    onReady: () => {
      if (acked.current) return;
      acked.current = true;
      void load();
    },
  });
  // Without a realtime answer soon (connection down), show the thread anyway; once subscribed it loads again.
  useEffect(() => {
    const timer = setTimeout(() => {
      if (!acked.current) void load();
    }, 3000);
    return () => clearTimeout(timer);
  }, [threadId]);

  // Typing indicators fade out.
  useEffect(() => {
    const ids = Object.keys(typing);
    if (!ids.length) return;
    const next = Math.min(...ids.map((id) => typing[id])) - Date.now();
    const timer = setTimeout(
      () =>
        setTyping((tp) => Object.fromEntries(Object.entries(tp).filter(([, until]) => until > Date.now()))),
      Math.max(50, next),
    );
    return () => clearTimeout(timer);
  }, [typing]);

  const posts = useMemo(
    () => (state ? [...state.posts.values()].sort((a, b) => a.seq - b.seq) : []),
    [state],
  );
  const maxSeq = posts.length ? posts[posts.length - 1].seq : 0;

  // Read marker: up to the last post shown, while the page is visible (the notifications module may be absent).
  const marked = useRef(0);
  const markerMissing = useRef(false);
  useEffect(() => {
    if (!state || maxSeq <= marked.current || markerMissing.current) return;
    const timer = setTimeout(() => {
      if (document.visibilityState !== 'visible') return;
      marked.current = maxSeq;
      api('POST', `/threads/${threadId}/read`, { seq: maxSeq }).catch((e: unknown) => {
        if (e instanceof HttpError && e.status === 404) markerMissing.current = true;
      });
    }, 800);
    return () => clearTimeout(timer);
  }, [maxSeq, !!state]);

  // Jump to a post named in the address (from a notification or a search hit).
  const focused = useRef<number | null>(null);
  useEffect(() => {
    if (!focusSeq || focused.current === focusSeq || !posts.some((p) => p.seq === focusSeq)) return;
    focused.current = focusSeq;
    const el = document.getElementById(`post-${focusSeq}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus({ preventScroll: true });
  }, [posts.length, focusSeq]);

  const [replyTo, setReplyTo] = useState<Post | null>(null);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);

  if (error) return <ErrorView error={error} onRetry={() => (setError(null), void load())} />;
  if (!state) return <Loading />;
  const { thread, group } = state;
  const moderator = mayModerate(group?.myRole, me.isAdmin);
  const observer = group?.myRole === 'observer';
  // The divider marks where new posts begin — not on a first visit, where everything is new.
  const firstUnread =
    state.lastReadSeq === null || state.lastReadSeq === 0
      ? null
      : posts.find((p) => p.seq > state.lastReadSeq! && p.authorId !== me.id);
  const names = new Map<string, string>();
  for (const p of posts) names.set(p.authorId, personName(p.author));
  for (const u of presence) names.set(u.id, u.displayName);
  const typingNames = Object.keys(typing).map((id) => names.get(id) ?? t('someone'));
  const presentUsers = [...new Map(presence.map((u) => [u.id, u])).values()];

  return (
    <div class="page thread-page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/">{t('navGroups')}</a>
        {group && (
          <>
            {' › '}
            <a href={`#/groups/${group.id}`}>{group.name}</a>
          </>
        )}
        {' › '}
        <a href={`#/topics/${thread.topicId}`}>{t('threads')}</a>
      </nav>
      <div class="title-row">
        <h1>{thread.title}</h1>
        <div class="title-tools">
          {thread.pinned && <span class="tag">{t('pinned')}</span>}
          {thread.locked && <span class="tag tag-warn">{t('locked')}</span>}
          {thread.slowModeSeconds > 0 && (
            <span class="tag" title={t('slowModeHint')}>
              {t('slowModeTag', { every: slowModeLabel(thread.slowModeSeconds) })}
            </span>
          )}
          <FollowButton type="thread" id={thread.id} />
        </div>
      </div>
      {revoked && (
        <p class="notice" role="alert">
          {t('accessRevoked')}
        </p>
      )}
      {moderator && <ModTools thread={thread} />}
      <div class="thread-layout">
        <div class="thread-posts">
          <ol class="posts" aria-label={t('postsLabel')}>
            {posts.map((post) => (
              <li key={post.id}>
                {firstUnread && firstUnread.id === post.id && (
                  <p class="unread-divider" id="unread-divider">
                    <span>{t('unreadDivider')}</span>
                  </p>
                )}
                <PostItem
                  post={post}
                  moderator={moderator}
                  canWrite={!thread.locked && !observer && !revoked}
                  onReply={() => {
                    setReplyTo(post);
                    composerRef.current?.focus();
                  }}
                  onChanged={upsert}
                />
              </li>
            ))}
          </ol>
          <p class="visually-hidden" role="status" aria-live="polite">
            {announcement}
          </p>
          <p class="typing" aria-live="polite" data-testid="typing">
            {typingNames.length > 0 &&
              t(typingNames.length > 1 ? 'typingMany' : 'typing', { names: typingNames.join(', ') })}
          </p>
          {revoked ? null : thread.locked ? (
            <p class="notice">{t('threadLocked')}</p>
          ) : observer ? (
            <p class="notice">{t('observerNoPost')}</p>
          ) : (
            <Composer
              threadId={threadId}
              stream={stream}
              replyTo={replyTo}
              clearReply={() => setReplyTo(null)}
              textareaRef={composerRef}
              onPosted={upsert}
            />
          )}
        </div>
        <aside class="presence" aria-labelledby="presence-title">
          <h2 id="presence-title">{t('whoIsHere')}</h2>
          <ul class="presence-list">
            {(revoked ? [] : presentUsers).map((u) => (
              <li key={u.id}>
                <span class="dot" aria-hidden="true" />
                {u.displayName}
                {u.id === me.id && <span class="muted"> ({t('you')})</span>}
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}

async function loadPosts(threadId: string): Promise<Post[]> {
  const posts: Post[] = [];
  let after = 0;
  for (;;) {
    const page = await api<{ items: Post[]; nextCursor: string | null }>(
      'GET',
      `/threads/${threadId}/posts?after=${after}&limit=100`,
    );
    posts.push(...page.items);
    if (!page.nextCursor || !page.items.length) return posts;
    after = Number(page.nextCursor);
  }
}

function PostItem(props: {
  post: Post;
  moderator: boolean;
  canWrite: boolean;
  onReply: () => void;
  onChanged: (post: Post) => void;
}) {
  const { post, moderator } = props;
  const me = session.user!;
  const mine = post.authorId === me.id;
  const [mode, setMode] = useState<'view' | 'edit' | 'hide' | 'flag'>('view');
  const [flagged, setFlagged] = useState(false);
  const headingId = useId('post');
  const unhide = useAction(async () => props.onChanged(await api<Post>('POST', `/posts/${post.id}/unhide`)));
  const remove = useAction(async () => {
    if (!window.confirm(t('confirmDelete'))) return;
    await api('DELETE', `/posts/${post.id}`);
    props.onChanged({ ...post, deleted: true, body: null });
  });

  let body;
  if (post.deleted) {
    body = <p class="placeholder">{t('postDeleted')}</p>;
  } else if (post.hidden && post.moderation) {
    body = (
      <div class="hidden-post">
        <p class="placeholder" role="note">
          {mine ? t('postHiddenForYou') : t('postHiddenModerator')}
        </p>
        <p class="hidden-reason">
          {t('hiddenReason', { reason: reasonText(post.moderation.reasonCode) })}
          {post.moderation.note && (
            <>
              <br />
              {t('hiddenNote', { note: post.moderation.note })}
            </>
          )}
        </p>
        {post.body && <Markdown source={post.body} class="dimmed" />}
      </div>
    );
  } else if (post.hidden) {
    body = <p class="placeholder">{t('postHidden')}</p>;
  } else if (mode === 'edit') {
    body = <EditPost post={post} onDone={(p) => (p && props.onChanged(p), setMode('view'))} />;
  } else {
    body = <Markdown source={post.body ?? ''} />;
  }

  return (
    <article
      id={`post-${post.seq}`}
      class={`post ${post.hidden ? 'is-hidden' : ''} ${mine ? 'is-mine' : ''}`}
      data-seq={post.seq}
      data-post-id={post.id}
      aria-labelledby={headingId}
      tabIndex={-1}
    >
      <header class="post-head">
        <h3 id={headingId} class="post-author">
          {personName(post.author)}
        </h3>
        {post.author.organisation && <span class="meta">{post.author.organisation.name}</span>}
        <a class="meta permalink" href={`#/threads/${post.threadId}?seq=${post.seq}`}>
          <time dateTime={post.createdAt}>{formatTime(post.createdAt)}</time>
        </a>
        {post.editedAt && <span class="meta">({t('edited')})</span>}
      </header>
      {post.replyTo && (
        <blockquote class="reply-quote">
          <a href={`#/threads/${post.threadId}?seq=${post.replyTo.seq}`}>
            {t('replyTo', { name: post.replyTo.authorName ?? t('deletedAccount') })}
          </a>
          <p>{post.replyTo.excerpt ?? <em>{t('quoteUnavailable')}</em>}</p>
        </blockquote>
      )}
      <div class="post-body">{body}</div>
      {!post.deleted && mode === 'view' && (
        <div class="post-actions">
          {props.canWrite && !post.hidden && (
            <button type="button" class="link-button" onClick={props.onReply}>
              {t('reply')}
            </button>
          )}
          {mine && props.canWrite && !post.hidden && (
            <button type="button" class="link-button" onClick={() => setMode('edit')}>
              {t('edit')}
            </button>
          )}
          {mine && (
            <button type="button" class="link-button" onClick={() => void remove.run()}>
              {t('delete')}
            </button>
          )}
          {!mine && !post.hidden && !flagged && (
            <button type="button" class="link-button" onClick={() => setMode('flag')}>
              {t('flag')}
            </button>
          )}
          {moderator && !post.hidden && (
            <button type="button" class="link-button danger" onClick={() => setMode('hide')}>
              {t('hide')}
            </button>
          )}
          {moderator && post.hidden && (
            <button
              type="button"
              class="link-button"
              disabled={unhide.busy}
              onClick={() => void unhide.run()}
            >
              {t('unhide')}
            </button>
          )}
          {flagged && <span role="status">{t('flagged')}</span>}
        </div>
      )}
      <FormError error={unhide.error ?? remove.error} />
      {mode === 'hide' && (
        <HideForm
          post={post}
          onDone={(p) => {
            if (p) props.onChanged(p);
            setMode('view');
          }}
        />
      )}
      {mode === 'flag' && (
        <FlagForm
          post={post}
          onDone={(ok) => {
            if (ok) setFlagged(true);
            setMode('view');
          }}
        />
      )}
    </article>
  );
}

export function reasonText(code: string | null): string {
  return code && (HIDE_REASONS as readonly string[]).includes(code)
    ? t(`reason_${code}` as MessageKey)
    : t('reason_other');
}

function EditPost({ post, onDone }: { post: Post; onDone: (post: Post | null) => void }) {
  const [body, setBody] = useState(post.body ?? '');
  const save = useAction(async () => onDone(await api<Post>('PATCH', `/posts/${post.id}`, { body })));
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <MarkdownInput
        label={t('edit')}
        value={body}
        onInput={setBody}
        onSubmit={() => void save.run()}
        required
      />
      <FormError error={save.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={save.busy}>
          {t('save')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function HideForm({ post, onDone }: { post: Post; onDone: (post: Post | null) => void }) {
  const id = useId('hide');
  const [reasonCode, setReason] = useState<string>('off_topic');
  const [note, setNote] = useState('');
  const hide = useAction(async () =>
    onDone(
      await api<Post>('POST', `/posts/${post.id}/hide`, {
        reasonCode,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    ),
  );
  return (
    <form
      class="inline-form stack"
      aria-label={t('hideConfirm')}
      onSubmit={(e) => {
        e.preventDefault();
        void hide.run();
      }}
    >
      <div class="field">
        <label for={`${id}-reason`}>{t('hideReason')}</label>
        <select
          id={`${id}-reason`}
          autoFocus
          value={reasonCode}
          onChange={(e) => setReason((e.target as HTMLSelectElement).value)}
        >
          {HIDE_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reason_${r}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField id={`${id}-note`} label={t('hideNote')} rows={2} value={note} onValue={setNote} />
      <FormError error={hide.error} />
      <div class="row">
        <button type="submit" class="danger-button" disabled={hide.busy}>
          {t('hideConfirm')}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function FlagForm({ post, onDone }: { post: Post; onDone: (ok: boolean) => void }) {
  const id = useId('flag');
  const [reason, setReason] = useState('');
  const flag = useAction(async () => {
    await api('POST', `/posts/${post.id}/flags`, { reason: reason.trim() });
    onDone(true);
  });
  return (
    <form
      class="inline-form stack"
      aria-label={t('flag')}
      onSubmit={(e) => {
        e.preventDefault();
        void flag.run();
      }}
    >
      <div class="field">
        <label for={`${id}-reason`}>{t('flagReason')}</label>
        <input
          id={`${id}-reason`}
          autoFocus
          required
          maxLength={500}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
      </div>
      <FormError error={flag.error} />
      <div class="row">
        <button type="submit" disabled={flag.busy}>
          {t('flagSend')}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Slow-mode intervals a moderator can choose (seconds); the api takes any value up to a day. */
const SLOW_MODE_CHOICES = [30, 60, 300, 900, 3600];

function slowModeLabel(seconds: number): string {
  if (seconds % 3600 === 0) return t('hours', { count: seconds / 3600 });
  if (seconds % 60 === 0) return t('minutes', { count: seconds / 60 });
  return t('seconds', { count: seconds });
}

function ModTools({ thread }: { thread: Thread }) {
  const [topics, setTopics] = useState<Topic[]>([]);
  const [target, setTarget] = useState('');
  useEffect(() => {
    void all<Topic>('/topics', 500)
      .catch(() => api<Topic[]>('GET', `/groups/${thread.groupId}/topics`))
      .then((list) => setTopics((Array.isArray(list) ? list : []).filter((x) => x.id !== thread.topicId)))
      .catch(() => undefined);
  }, [thread.topicId]);
  const act = useAction(async (what: string) => api('POST', `/threads/${thread.id}/${what}`));
  const move = useAction(async () => {
    if (target) await api('POST', `/threads/${thread.id}/move`, { topicId: target });
  });
  const [slow, setSlow] = useState(String(thread.slowModeSeconds));
  const slowMode = useAction(async () =>
    api('POST', `/threads/${thread.id}/slow-mode`, { seconds: Number(slow) }),
  );
  const slowChoices = [...new Set([0, ...SLOW_MODE_CHOICES, thread.slowModeSeconds])].sort((a, b) => a - b);
  return (
    <section class="mod-tools" aria-labelledby="mod-tools-title">
      <h2 id="mod-tools-title" class="visually-hidden">
        {t('moderatorTools')}
      </h2>
      <div class="row">
        <button
          type="button"
          disabled={act.busy}
          onClick={() => void act.run(thread.locked ? 'unlock' : 'lock')}
        >
          {thread.locked ? t('unlock') : t('lock')}
        </button>
        <button
          type="button"
          disabled={act.busy}
          onClick={() => void act.run(thread.pinned ? 'unpin' : 'pin')}
        >
          {thread.pinned ? t('unpin') : t('pin')}
        </button>
        {topics.length > 0 && (
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              void move.run();
            }}
          >
            <label for="move-target">{t('moveTo')}</label>
            <select
              id="move-target"
              value={target}
              onChange={(e) => setTarget((e.target as HTMLSelectElement).value)}
            >
              <option value="">—</option>
              {topics.map((topic) => (
                <option key={topic.id} value={topic.id}>
                  {topic.title}
                </option>
              ))}
            </select>
            <button type="submit" disabled={!target || move.busy}>
              {t('move')}
            </button>
          </form>
        )}
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void slowMode.run();
          }}
        >
          <label for="slow-mode">{t('slowModeLabel')}</label>
          <select
            id="slow-mode"
            value={slow}
            onChange={(e) => setSlow((e.target as HTMLSelectElement).value)}
          >
            {slowChoices.map((seconds) => (
              <option key={seconds} value={String(seconds)}>
                {seconds === 0 ? t('slowModeOff') : t('slowModeEvery', { every: slowModeLabel(seconds) })}
              </option>
            ))}
          </select>
          <button type="submit" disabled={slowMode.busy || Number(slow) === thread.slowModeSeconds}>
            {t('apply')}
          </button>
        </form>
      </div>
      <FormError error={act.error ?? move.error ?? slowMode.error} />
    </section>
  );
}

function Composer(props: {
  threadId: string;
  stream: string;
  replyTo: Post | null;
  clearReply: () => void;
  textareaRef: { current: HTMLTextAreaElement | null };
  onPosted: (post: Post) => void;
}) {
  const [body, setBody] = useState('');
  const lastTyping = useRef(0);
  const send = useAction(async () => {
    if (!body.trim()) return;
    const post = await api<Post>('POST', `/threads/${props.threadId}/posts`, {
      body,
      ...(props.replyTo ? { replyToId: props.replyTo.id } : {}),
    });
    props.onPosted(post);
    setBody('');
    props.clearReply();
  });
  const onKeyActivity = () => {
    const now = Date.now();
    if (now - lastTyping.current > 1500) {
      lastTyping.current = now;
      realtime().typing(props.stream);
    }
  };
  return (
    <form
      class="composer stack"
      onSubmit={(e) => {
        e.preventDefault();
        void send.run();
      }}
    >
      {props.replyTo && (
        <div class="replying">
          <blockquote class="reply-quote">
            <strong>{t('replyingTo', { name: personName(props.replyTo.author) })}</strong>
            <p>{excerpt(props.replyTo.body ?? '')}</p>
          </blockquote>
          <button type="button" class="link-button" onClick={props.clearReply}>
            {t('removeReply')}
          </button>
        </div>
      )}
      <MarkdownInput
        label={t('yourPost')}
        value={body}
        onInput={setBody}
        onKeyActivity={onKeyActivity}
        onSubmit={() => void send.run()}
        textareaRef={props.textareaRef}
        name="body"
      />
      <FormError error={send.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={send.busy || !body.trim()}>
          {send.busy ? t('sending') : t('send')}
        </button>
      </div>
    </form>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
