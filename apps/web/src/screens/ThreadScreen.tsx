import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Envelope, PresenceUser } from '@runde/client';
import { ErrorView, Loading, personName } from '../components/common';
import { FollowButton } from '../components/FollowButton';
import { api, HttpError } from '../lib/api';
import { t, useLocale } from '../lib/i18n';
import { useStream } from '../lib/live';
import { session } from '../lib/session';
import { mayModerate, type Group, type Post, type Thread, type Topic } from '../lib/types';
import { Composer } from './thread/Composer';
import { ModTools, slowModeLabel } from './thread/ModTools';
import { loadPosts } from './thread/loadPosts';
import { PostItem } from './thread/PostItem';
import { appendQuote, quoteMarkdown, useQuoteSelection } from './thread/quote';
import { useMentionedPeople } from './thread/useMentionedPeople';
import './thread/discussion.css';

interface ThreadState {
  thread: Thread;
  posts: Map<string, Post>;
  group: Group | null;
  /** For the breadcrumb (null when it cannot be read, e.g. a moment after a move). */
  topic: Topic | null;
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
      const [posts, group, topic] = await Promise.all([
        loadPosts(threadId),
        api<Group>('GET', `/groups/${thread.groupId}`).catch(() => null),
        api<Topic>('GET', `/topics/${thread.topicId}`).catch(() => null),
        mentioned.load(),
      ]);
      const previous = stateRef.current;
      setState({
        thread,
        posts: new Map(posts.map((p) => [p.id, p])),
        group,
        topic,
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

  const mentioned = useMentionedPeople(threadId);

  const upsert = (post: Post) => {
    mentioned.notice(post);
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
  };

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
        // The breadcrumb names the new topic.
        if (event.type === 'thread.moved' && data.thread?.topicId)
          void api<Topic>('GET', `/topics/${data.thread.topicId}`).then(
            (topic) => setState((s) => (s ? { ...s, topic } : s)),
            () => undefined,
          );
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
  const insertIntoComposer = useRef<((edit: (body: string) => string) => void) | null>(null);
  const composerRef = useRef<HTMLTextAreaElement | null>(null);
  const postsRef = useRef<HTMLDivElement | null>(null);
  const observerOnly =
    state?.group?.myRole === 'observer' && state.topic?.visibility !== 'network' && !me.isAdmin;
  const canWrite = !!state && !state.thread.locked && !observerOnly && !revoked;
  const quote = useQuoteSelection(postsRef, canWrite);
  const quoteSelected = (post: Post) => {
    const selected = quote.selection;
    if (!selected) return;
    const link = `#/threads/${post.threadId}?seq=${post.seq}`;
    insertIntoComposer.current?.((d) =>
      appendQuote(d, quoteMarkdown(selected.text, personName(post.author), link)),
    );
    setReplyTo(post);
    setAnnouncement(t('quoteInserted', { name: personName(post.author) }));
    window.getSelection()?.removeAllRanges();
    quote.clear();
  };

  if (error) return <ErrorView error={error} onRetry={() => (setError(null), void load())} />;
  if (!state) return <Loading />;
  const { thread, group, topic } = state;
  const moderator = mayModerate(group?.myRole, me.isAdmin);
  const mentions = { people: mentioned.people, me: me.id };
  const participants = [...new Map(posts.map((p) => [p.authorId, p.author])).values()];
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
        <a href="#/groups">{t('navGroups')}</a>
        {group && (
          <>
            {' › '}
            <a href={`#/groups/${group.id}`}>{group.name}</a>
          </>
        )}
        {' › '}
        <a href={`#/topics/${thread.topicId}`}>{topic?.title ?? t('threads')}</a>
        {' › '}
        <span aria-current="page">{thread.title}</span>
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
        <div class="thread-posts" ref={postsRef}>
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
                  canWrite={canWrite}
                  onReply={() => {
                    setReplyTo(post);
                    composerRef.current?.focus();
                  }}
                  onChanged={upsert}
                  mentions={mentions}
                  quoteAt={quote.selection?.postId === post.id ? quote.selection : null}
                  onQuote={() => quoteSelected(post)}
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
          ) : observerOnly ? (
            <p class="notice">{t('observerNoPost')}</p>
          ) : (
            <Composer
              threadId={threadId}
              stream={stream}
              groupId={thread.groupId}
              insertRef={insertIntoComposer}
              replyTo={replyTo}
              clearReply={() => setReplyTo(null)}
              textareaRef={composerRef}
              onPosted={upsert}
              mentions={mentions}
              participants={participants}
              onMentioned={mentioned.remember}
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
