import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { PresenceUser } from '@runde/client';
import {
  ErrorView,
  FormError,
  Loading,
  Markdown,
  Section,
  personName,
  TextField,
  useAction,
  useAsync,
  useId,
} from '../components/common';
import { api, apiBlob, downloadBlob, optional } from '../lib/api';
import { colorFor, DraftSession, resolveRelative, type DraftMode } from '../lib/draft-session';
import { createEditor, type DraftEditor, type Highlight } from '../lib/editor';
import { formatDate, formatTime, locale, t, useLocale } from '../lib/i18n';
import { useStream } from '../lib/live';
import { session as auth } from '../lib/session';
import {
  ALLOWED_NEXT,
  mayModerate,
  type Anchor,
  type Draft,
  type DraftComment,
  type DraftStatus,
  type Group,
  type ParagraphDiff,
  type Revision,
  type Suggestion,
} from '../lib/types';

const EDITABLE: DraftStatus[] = ['draft', 'revision'];
const DISCUSSABLE: DraftStatus[] = ['draft', 'consultation', 'revision'];

interface OutlineEntry {
  level: number;
  title: string;
  pos: number;
}

/** ATX headings outside fenced code, as the server's sections (live, from the shared text). */
function outlineOf(text: string): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  let pos = 0;
  let fence: string | null = null;
  for (const line of text.split('\n')) {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) fence = fence === null ? f[1][0] : fence === f[1][0] ? null : fence;
    else if (fence === null) {
      const h = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
      if (h && h[2]) out.push({ level: h[1].length, title: h[2], pos });
    }
    pos += line.length + 1;
  }
  return out;
}

export function DraftScreen({ draftId }: { draftId: string }) {
  useLocale();
  const me = auth.user!;
  const base = useAsync(async () => {
    const draft = await api<Draft>('GET', `/drafts/${draftId}`);
    const group = await api<Group>('GET', `/groups/${draft.groupId}`).catch(() => null);
    return { draft, group };
  }, [draftId]);
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (base.data) setDraft(base.data.draft);
  }, [base.data]);
  // The draft is open: its notices are read (the bell hears of it through `draft.read`).
  useEffect(() => {
    if (base.data) void optional(api('POST', `/drafts/${draftId}/read`)).catch(() => undefined);
  }, [base.data, draftId]);

  const comments = useAsync(
    () =>
      optional(api<{ items: DraftComment[] }>('GET', `/drafts/${draftId}/comments`)).then(
        (r) => r?.items ?? null,
      ),
    [draftId],
  );
  const suggestions = useAsync(
    () =>
      optional(api<{ items: Suggestion[] }>('GET', `/drafts/${draftId}/suggestions`)).then(
        (r) => r?.items ?? null,
      ),
    [draftId],
  );
  const revisions = useAsync(
    () =>
      optional(api<{ items: Revision[] }>('GET', `/drafts/${draftId}/revisions`)).then(
        (r) => r?.items ?? null,
      ),
    [draftId],
  );

  const [presence, setPresence] = useState<PresenceUser[]>([]);
  const [mode, setMode] = useState<DraftMode>('connecting');
  const [version, setVersion] = useState(0);
  const [saving, setSaving] = useState(false);
  const [editError, setEditError] = useState<unknown>(null);
  const [selection, setSelection] = useState<{ from: number; to: number }>({ from: 0, to: 0 });
  const [outline, setOutline] = useState<OutlineEntry[]>([]);
  const sessionRef = useRef<DraftSession | null>(null);
  const editorRef = useRef<DraftEditor | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const [subscribed, setSubscribed] = useState(false);

  useStream(`draft:${draftId}`, {
    onReady: () => setSubscribed(true),
    onPresence: setPresence,
    onEvent: (event) => {
      const data = event.data as Record<string, unknown>;
      switch (event.type) {
        case 'draft.updated':
          void sessionRef.current?.remoteChanged(data.version as number).catch(() => undefined);
          break;
        case 'draft.status_changed':
          setDraft((d) => (d ? { ...d, ...(data.draft as Draft) } : d));
          revisions.reload();
          break;
        case 'draft.revision_created':
          revisions.reload();
          break;
        case 'draft.comment_added':
        case 'draft.comment_resolved':
          comments.reload();
          break;
        case 'draft.suggestion_added':
        case 'draft.suggestion_accepted':
        case 'draft.suggestion_rejected':
          suggestions.reload();
          if (event.type === 'draft.suggestion_accepted') comments.reload();
          break;
      }
    },
    onResync: () => (comments.reload(), suggestions.reload(), revisions.reload()),
  });

  const role = base.data?.group?.myRole ?? null;
  const moderator = mayModerate(role, me.isAdmin);
  const writer = moderator || role === 'member';
  const editable = !!draft && writer && EDITABLE.includes(draft.status);
  const discussable = !!draft && writer && DISCUSSABLE.includes(draft.status);
  const editableRef = useRef(editable);
  editableRef.current = editable;

  // Anchors resolved against the live document (they move with the text); REST mode uses the server's offsets.
  const anchorRange = (anchor: Anchor): { from: number; to: number } | null => {
    if (anchor.detached) return null;
    const s = sessionRef.current;
    if (s && s.mode === 'live') {
      const from = resolveRelative(s.doc, anchor.relStart);
      const to = resolveRelative(s.doc, anchor.relEnd);
      if (from !== null && to !== null && to > from) return { from, to };
    }
    return { from: anchor.start, to: anchor.end };
  };
  const highlightsRef = useRef<() => Highlight[]>(() => []);
  highlightsRef.current = () => [
    ...(comments.data ?? [])
      .filter((c) => !c.resolved && c.anchor)
      .flatMap((c) => {
        const r = anchorRange(c.anchor!);
        return r ? [{ ...r, kind: 'comment' as const, id: c.id }] : [];
      }),
    ...(suggestions.data ?? [])
      .filter((s) => s.status === 'open')
      .flatMap((s) => {
        const r = anchorRange(s.anchor);
        return r ? [{ ...r, kind: 'suggestion' as const, id: s.id }] : [];
      }),
  ];
  useEffect(() => editorRef.current?.refreshHighlights(), [comments.data, suggestions.data, mode]);

  // Start the shared text once subscribed to the draft's stream (or without it after a moment).
  const [fallback, setFallback] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setFallback(true), 3000);
    return () => clearTimeout(timer);
  }, []);
  const startable = !!base.data && (subscribed || fallback);
  useEffect(() => {
    if (!startable || sessionRef.current || !base.data) return;
    const s = new DraftSession(
      draftId,
      { id: me.id, name: me.displayName },
      {
        onMode: setMode,
        onVersion: setVersion,
        onSaving: setSaving,
        onLocked: () => editorRef.current?.setEditable(false),
        onError: setEditError,
      },
    );
    sessionRef.current = s;
    void s.start(base.data.draft).then(() => {
      if (sessionRef.current !== s || !hostRef.current) return;
      editorRef.current = createEditor(hostRef.current, s, {
        label: t('editorLabel'),
        editable: editableRef.current,
        highlights: () => highlightsRef.current(),
        onSelection: (from, to) => setSelection({ from, to }),
        onChange: () => setOutline(outlineOf(s.text.toString())),
      });
      setOutline(outlineOf(s.text.toString()));
    });
    return undefined;
  }, [startable]);
  useEffect(
    () => () => {
      editorRef.current?.destroy();
      sessionRef.current?.destroy();
      editorRef.current = null;
      sessionRef.current = null;
    },
    [],
  );
  useEffect(() => editorRef.current?.setEditable(editable), [editable]);

  const selectionAnchor = () => {
    const s = sessionRef.current;
    const { from, to } = selection;
    if (!s || to <= from) return null;
    return { start: from, end: to, ...(s.settled ? { version: s.version } : {}) };
  };

  if (base.error !== undefined) return <ErrorView error={base.error} onRetry={base.reload} />;
  if (!base.data || !draft) return <Loading />;
  const group = base.data.group;
  const people = [...new Map(presence.map((u) => [u.id, u])).values()];

  return (
    <div class="page draft-page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/">{t('navGroups')}</a>
        {group && (
          <>
            {' › '}
            <a href={`#/groups/${group.id}`}>{group.name}</a>
          </>
        )}
        {' › '}
        <a href={`#/topics/${draft.topicId}`}>{t('drafts')}</a>
      </nav>
      <div class="title-row">
        <h1>{draft.title}</h1>
        <div class="title-tools">
          <span class={`status status-${draft.status}`}>{t(`status_${draft.status}`)}</span>
          {draft.consultationDeadline && (
            <span class="tag">{t('deadline', { date: formatDate(draft.consultationDeadline) })}</span>
          )}
        </div>
      </div>
      <p class="meta draft-state" role="status">
        {mode === 'live' ? t('liveMode') : mode === 'rest' ? t('restMode') : t('loading')} ·{' '}
        {t('version', { version })} ·{' '}
        <span data-testid="save-state">{saving ? t('saving') : t('saved')}</span>
        {!editable && <> · {EDITABLE.includes(draft.status) ? t('readOnly') : t('draftLocked')}</>}
      </p>
      <FormError error={editError} />
      <div class="draft-layout">
        <aside class="draft-outline" aria-labelledby="outline-title">
          <h2 id="outline-title">{t('outline')}</h2>
          {outline.length === 0 ? (
            <p class="muted">{t('outlineEmpty')}</p>
          ) : (
            <ol class="outline">
              {outline.map((h, i) => (
                <li key={`${i}-${h.pos}`} style={{ paddingLeft: `${(h.level - 1) * 0.75}rem` }}>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => editorRef.current?.select(h.pos, h.pos)}
                  >
                    {h.title}
                  </button>
                </li>
              ))}
            </ol>
          )}
          <h2>{t('whoIsHere')}</h2>
          <ul class="presence-list">
            {people.map((u) => (
              <li key={u.id}>
                <span class="dot" aria-hidden="true" style={{ background: colorFor(u.id).color }} />
                {u.displayName}
                {u.id === me.id && <span class="muted"> ({t('you')})</span>}
              </li>
            ))}
          </ul>
        </aside>
        <div class="draft-main">
          <div class="editor-host" ref={hostRef} data-testid="draft-editor" />
          {discussable && (
            <SelectionTools
              draftId={draftId}
              selectionText={
                selection.to > selection.from
                  ? (sessionRef.current?.text.toString().slice(selection.from, selection.to) ?? '')
                  : ''
              }
              anchor={selectionAnchor}
              onDone={() => (comments.reload(), suggestions.reload())}
            />
          )}
          <Workflow draft={draft} moderator={moderator} onChanged={setDraft} />
          <Revisions
            draftId={draftId}
            items={revisions.data}
            canWrite={writer && DISCUSSABLE.includes(draft.status)}
            canRestore={editable}
            onChanged={revisions.reload}
          />
          <Exports draftId={draftId} />
        </div>
        <aside class="draft-margin" aria-label={`${t('comments')} / ${t('suggestions')}`}>
          <Comments
            draftId={draftId}
            items={comments.data}
            canWrite={discussable}
            moderator={moderator}
            onShow={(a) => {
              const r = anchorRange(a);
              if (r) editorRef.current?.select(r.from, r.to);
            }}
            onChanged={comments.reload}
          />
          <Suggestions
            draftId={draftId}
            items={suggestions.data}
            moderator={moderator && DISCUSSABLE.includes(draft.status)}
            onShow={(a) => {
              const r = anchorRange(a);
              if (r) editorRef.current?.select(r.from, r.to);
            }}
            onChanged={suggestions.reload}
          />
        </aside>
      </div>
    </div>
  );
}

function SelectionTools(props: {
  draftId: string;
  selectionText: string;
  anchor: () => { start: number; end: number; version?: number } | null;
  onDone: () => void;
}) {
  const id = useId('sel');
  const [open, setOpen] = useState<'comment' | 'suggest' | null>(null);
  const [body, setBody] = useState('');
  const [replacement, setReplacement] = useState('');
  const [anchor, setAnchor] = useState<{ start: number; end: number; version?: number } | null>(null);
  const [hint, setHint] = useState(false);
  const submit = useAction(async () => {
    if (!anchor) return;
    if (open === 'comment') await api('POST', `/drafts/${props.draftId}/comments`, { body, anchor });
    else await api('POST', `/drafts/${props.draftId}/suggestions`, { anchor, replacement, rationale: body });
    setOpen(null);
    setBody('');
    setReplacement('');
    props.onDone();
  });
  const begin = (what: 'comment' | 'suggest') => {
    const a = props.anchor();
    if (!a) return setHint(true);
    setHint(false);
    setAnchor(a);
    setReplacement(props.selectionText);
    setOpen(what);
  };
  return (
    <div class="selection-tools">
      <div class="row">
        <button type="button" onClick={() => begin('comment')}>
          {t('comment')}
        </button>
        <button type="button" onClick={() => begin('suggest')}>
          {t('suggest')}
        </button>
        {hint && <span role="status">{t('selectTextFirst')}</span>}
      </div>
      {open && (
        <form
          class="stack inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit.run();
          }}
        >
          {open === 'suggest' && (
            <TextField
              id={`${id}-replacement`}
              label={t('replacement')}
              rows={3}
              value={replacement}
              onValue={setReplacement}
            />
          )}
          <TextField
            id={`${id}-body`}
            label={open === 'comment' ? t('commentOnSelection') : t('rationale')}
            rows={3}
            required
            value={body}
            onValue={setBody}
          />
          <FormError error={submit.error} />
          <div class="row">
            <button type="submit" class="primary" disabled={submit.busy}>
              {open === 'comment' ? t('saveComment') : t('sendSuggestion')}
            </button>
            <button type="button" onClick={() => setOpen(null)}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function Comments(props: {
  draftId: string;
  items: DraftComment[] | null | undefined;
  canWrite: boolean;
  moderator: boolean;
  onShow: (anchor: Anchor) => void;
  onChanged: () => void;
}) {
  const [showResolved, setShowResolved] = useState(false);
  if (props.items === null) return null;
  const items = (props.items ?? [])
    .filter((c) => showResolved || !c.resolved)
    .sort((a, b) => (a.anchor?.start ?? Infinity) - (b.anchor?.start ?? Infinity));
  return (
    <Section title={t('comments')} level={2}>
      <label class="checkbox">
        <input type="checkbox" checked={showResolved} onChange={() => setShowResolved((v) => !v)} />{' '}
        {t('resolved')}
      </label>
      {items.length === 0 ? (
        <p class="muted">{t('commentsEmpty')}</p>
      ) : (
        <ul class="comment-list">
          {items.map((c) => (
            <CommentItem key={c.id} comment={c} {...props} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function CommentItem(props: {
  comment: DraftComment;
  draftId: string;
  canWrite: boolean;
  moderator: boolean;
  onShow: (anchor: Anchor) => void;
  onChanged: () => void;
}) {
  const { comment: c } = props;
  const id = useId('reply');
  const [reply, setReply] = useState('');
  const send = useAction(async () => {
    await api('POST', `/drafts/${props.draftId}/comments/${c.id}/replies`, { body: reply });
    setReply('');
    props.onChanged();
  });
  const resolve = useAction(async () => {
    await api('POST', `/drafts/${props.draftId}/comments/${c.id}/resolve`);
    props.onChanged();
  });
  const mayResolve = props.moderator || c.authorId === auth.user?.id;
  return (
    <li class={`card comment ${c.resolved ? 'is-resolved' : ''}`}>
      {c.anchor && (
        <button
          type="button"
          class="quote-button"
          onClick={() => props.onShow(c.anchor!)}
          disabled={c.anchor.detached}
        >
          „{c.anchor.quote.length > 80 ? `${c.anchor.quote.slice(0, 79)}…` : c.anchor.quote}“
        </button>
      )}
      {c.anchor?.detached && <p class="meta">{t('detached')}</p>}
      <p class="meta">
        {personName(c.author)} · <time dateTime={c.createdAt}>{formatTime(c.createdAt)}</time>
      </p>
      <Markdown source={c.body} />
      {(c.replies ?? []).map((r) => (
        <div class="comment-reply" key={r.id}>
          <p class="meta">{personName(r.author)}</p>
          <Markdown source={r.body} />
        </div>
      ))}
      {props.canWrite && !c.resolved && (
        <form
          class="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void send.run();
          }}
        >
          <label for={id} class="visually-hidden">
            {t('replyBody')}
          </label>
          <input
            id={id}
            placeholder={t('replyBody')}
            required
            value={reply}
            onInput={(e) => setReply((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={send.busy}>
            {t('reply')}
          </button>
          {mayResolve && (
            <button type="button" disabled={resolve.busy} onClick={() => void resolve.run()}>
              {t('resolve')}
            </button>
          )}
        </form>
      )}
      <FormError error={send.error ?? resolve.error} />
    </li>
  );
}

function Suggestions(props: {
  draftId: string;
  items: Suggestion[] | null | undefined;
  moderator: boolean;
  onShow: (anchor: Anchor) => void;
  onChanged: () => void;
}) {
  if (props.items === null) return null;
  const items = props.items ?? [];
  return (
    <Section title={t('suggestions')} level={2}>
      {items.length === 0 ? (
        <p class="muted">{t('suggestionsEmpty')}</p>
      ) : (
        <ul class="comment-list">
          {items.map((s) => (
            <SuggestionItem key={s.id} suggestion={s} {...props} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function SuggestionItem(props: {
  suggestion: Suggestion;
  draftId: string;
  moderator: boolean;
  onShow: (anchor: Anchor) => void;
  onChanged: () => void;
}) {
  const { suggestion: s } = props;
  const id = useId('rej');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const decide = useAction(async (outcome: 'accept' | 'reject') => {
    await api(
      'POST',
      `/drafts/${props.draftId}/suggestions/${s.id}/${outcome}`,
      outcome === 'reject' ? { reason } : undefined,
    );
    props.onChanged();
  });
  return (
    <li class={`card suggestion suggestion-${s.status}`}>
      <p class="meta">
        {personName(s.author)} · {t(`suggestion_${s.status}`)}
      </p>
      <button
        type="button"
        class="quote-button"
        onClick={() => props.onShow(s.anchor)}
        disabled={s.anchor.detached}
      >
        <del>{s.anchor.quote}</del> → <ins>{s.replacement || '∅'}</ins>
      </button>
      <p>{s.rationale}</p>
      {s.decision?.reason && <p class="meta">{s.decision.reason}</p>}
      {props.moderator && s.status === 'open' && (
        <div class="row wrap">
          <button
            type="button"
            class="primary"
            disabled={decide.busy}
            onClick={() => void decide.run('accept')}
          >
            {t('accept')}
          </button>
          {rejecting ? (
            <form
              class="row wrap"
              onSubmit={(e) => {
                e.preventDefault();
                void decide.run('reject');
              }}
            >
              <label for={id}>{t('rejectReason')}</label>
              <input
                id={id}
                required
                value={reason}
                onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              />
              <button type="submit" disabled={decide.busy}>
                {t('reject')}
              </button>
            </form>
          ) : (
            <button type="button" onClick={() => setRejecting(true)}>
              {t('reject')}
            </button>
          )}
        </div>
      )}
      <FormError error={decide.error} />
    </li>
  );
}

function Workflow({
  draft,
  moderator,
  onChanged,
}: {
  draft: Draft;
  moderator: boolean;
  onChanged: (d: Draft) => void;
}) {
  const [deadline, setDeadline] = useState('');
  const change = useAction(async (status: DraftStatus) => {
    const body: Record<string, string> = { status };
    if (status === 'consultation') body.deadline = new Date(deadline).toISOString();
    onChanged(await api<Draft>('POST', `/drafts/${draft.id}/status`, body));
  });
  const next = ALLOWED_NEXT[draft.status];
  return (
    <Section title={t('workflow')} class="workflow">
      <ol class="workflow-steps">
        {(['draft', 'consultation', 'revision', 'adopted'] as DraftStatus[]).map((s) => (
          <li
            key={s}
            class={s === draft.status ? 'current' : ''}
            aria-current={s === draft.status ? 'step' : undefined}
          >
            {t(`status_${s}`)}
          </li>
        ))}
      </ol>
      {draft.consultationDeadline && <p>{t('deadline', { date: formatTime(draft.consultationDeadline) })}</p>}
      {moderator && next.length > 0 && (
        <div class="row wrap">
          {next.includes('consultation') && (
            <>
              <label for="deadline-input">{t('deadlineInput')}</label>
              <input
                id="deadline-input"
                type="datetime-local"
                value={deadline}
                onInput={(e) => setDeadline((e.target as HTMLInputElement).value)}
              />
            </>
          )}
          {next.map((s) => (
            <button
              key={s}
              type="button"
              disabled={change.busy || (s === 'consultation' && !deadline)}
              onClick={() => void change.run(s)}
            >
              {t('moveToStatus', { status: t(`status_${s}`) })}
            </button>
          ))}
        </div>
      )}
      <FormError error={change.error} />
    </Section>
  );
}

function Revisions(props: {
  draftId: string;
  items: Revision[] | null | undefined;
  canWrite: boolean;
  canRestore: boolean;
  onChanged: () => void;
}) {
  const [label, setLabel] = useState('');
  const [diff, setDiff] = useState<ParagraphDiff | null>(null);
  const save = useAction(async () => {
    await api('POST', `/drafts/${props.draftId}/revisions`, { label: label.trim() });
    setLabel('');
    props.onChanged();
  });
  const compare = useAction(async (revisionId: string) =>
    setDiff(await api<ParagraphDiff>('GET', `/drafts/${props.draftId}/diff?from=${revisionId}`)),
  );
  const restore = useAction(async (revisionId: string) => {
    await api('POST', `/drafts/${props.draftId}/revisions/${revisionId}/restore`);
    props.onChanged();
  });
  if (props.items === null) return null;
  const items = props.items ?? [];
  return (
    <Section title={t('revisions')}>
      {props.canWrite && (
        <form
          class="row wrap"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run();
          }}
        >
          <label for="revision-label">{t('revisionLabel')}</label>
          <input
            id="revision-label"
            required
            maxLength={200}
            value={label}
            onInput={(e) => setLabel((e.target as HTMLInputElement).value)}
          />
          <button type="submit" disabled={save.busy}>
            {t('saveRevision')}
          </button>
        </form>
      )}
      <FormError error={save.error ?? compare.error ?? restore.error} />
      {items.length === 0 ? (
        <p class="muted">{t('revisionsEmpty')}</p>
      ) : (
        <ul class="revision-list">
          {items.map((r) => (
            <li key={r.id}>
              <span>
                <strong>#{r.number}</strong> {revisionTitle(r)} · {t(`status_${r.status}`)} ·{' '}
                <time dateTime={r.createdAt}>{formatTime(r.createdAt)}</time>
                {r.creator && <> · {personName(r.creator)}</>}
              </span>
              <span class="row">
                <button type="button" class="link-button" onClick={() => void compare.run(r.id)}>
                  {t('compare')}
                </button>
                {props.canRestore && (
                  <button type="button" class="link-button" onClick={() => void restore.run(r.id)}>
                    {t('restore')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {diff && <DiffView diff={diff} onClose={() => setDiff(null)} />}
    </Section>
  );
}

/** Status revisions are named in the reader's language; the others by what their label says. */
function revisionTitle(r: Revision): string {
  return r.kind === 'status' ? t(`revisionStatus_${r.status}`) : r.label;
}

/** Side by side: deletions left, insertions right, unchanged paragraphs on both sides. */
function DiffView({ diff, onClose }: { diff: ParagraphDiff; onClose: () => void }) {
  const rows = useMemo(() => {
    const out: Array<{ left: string | null; right: string | null; kind: 'equal' | 'change' }> = [];
    const ops = diff.ops;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.op === 'equal') out.push({ left: op.text, right: op.text, kind: 'equal' });
      else if (op.op === 'delete' && ops[i + 1]?.op === 'insert') {
        out.push({ left: op.text, right: ops[i + 1].text, kind: 'change' });
        i++;
      } else if (op.op === 'delete') out.push({ left: op.text, right: null, kind: 'change' });
      else out.push({ left: null, right: op.text, kind: 'change' });
    }
    return out;
  }, [diff]);
  const from = `#${diff.from.number} ${diff.from.label}`;
  const to = diff.to ? `#${diff.to.number} ${diff.to.label}` : t('currentText');
  return (
    <div class="diff" role="region" aria-label={t('diffTitle', { from, to })}>
      <div class="row">
        <h3>{t('diffTitle', { from, to })}</h3>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('diffTitle', { from, to })}>
        <table class="diff-table">
          <thead>
            <tr>
              <th scope="col">{t('diffBefore')}</th>
              <th scope="col">{t('diffAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} class={r.kind}>
                <td class={r.kind === 'change' && r.left !== null ? 'del' : ''}>
                  {r.left !== null && (r.kind === 'change' ? <del>{r.left}</del> : r.left)}
                </td>
                <td class={r.kind === 'change' && r.right !== null ? 'ins' : ''}>
                  {r.right !== null && (r.kind === 'change' ? <ins>{r.right}</ins> : r.right)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Exports({ draftId }: { draftId: string }) {
  const run = useAction(async (format: 'markdown' | 'html') => {
    const { blob, filename } = await apiBlob(`/drafts/${draftId}/export?format=${format}&lang=${locale()}`);
    downloadBlob(blob, filename ?? `entwurf.${format === 'html' ? 'html' : 'md'}`);
  });
  return (
    <Section title={t('export')}>
      <div class="row">
        <button type="button" disabled={run.busy} onClick={() => void run.run('markdown')}>
          {t('exportMarkdown')}
        </button>
        <button type="button" disabled={run.busy} onClick={() => void run.run('html')}>
          {t('exportHtml')}
        </button>
      </div>
      <FormError error={run.error} />
    </Section>
  );
}
