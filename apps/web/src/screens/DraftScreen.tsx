import type { EditorState } from 'prosemirror-state';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PresenceUser } from '@runde/client';
import { TextMap, changeKey, listChanges, readDoc } from '@runde/richtext';
import { ErrorView, FormError, Loading, personName, useAsync } from '../components/common';
import { all, api, optional } from '../lib/api';
import { colorFor, DraftSession, type DraftMode } from '../lib/draft-session';
import type { DraftEditor, Highlight } from '../lib/rich-editor/editor';
import { charIndexAtPos } from '../../../../libs/richtext/src/positions';
import { formatDate, t, useLocale } from '../lib/i18n';
import { useStream } from '../lib/live';
import { NARROW, useMediaQuery } from '../lib/media';
import { session as auth } from '../lib/session';
import {
  mayModerate,
  type Anchor,
  type Draft,
  type DraftComment,
  type DraftStatus,
  type Group,
  type Member,
  type Revision,
  type Suggestion,
} from '../lib/types';
import { ChangesPanel } from './draft/ChangesPanel';
import { Comments } from './draft/Comments';
import { DraftState } from './draft/DraftState';
import { EditorPane, type EditMode } from './draft/EditorPane';
import { Exports } from './draft/Exports';
import { outlineOf, type OutlineEntry } from './draft/outline';
import { PanelTabs } from './draft/PanelTabs';
import { Revisions } from './draft/Revisions';
import { SelectionTools } from './draft/SelectionTools';
import { Suggestions } from './draft/Suggestions';
import { Workflow } from './draft/Workflow';

const EDITABLE: DraftStatus[] = ['draft', 'revision'];
const DISCUSSABLE: DraftStatus[] = ['draft', 'consultation', 'revision'];

export function DraftScreen({ draftId }: { draftId: string }) {
  useLocale();
  const me = auth.user!;
  // Narrow screens: the side panels (comments, suggestions, revisions, outline, exports) become tabs.
  const narrow = useMediaQuery(NARROW);
  const base = useAsync(async () => {
    const draft = await api<Draft>('GET', `/drafts/${draftId}`);
    const group = await api<Group>('GET', `/groups/${draft.groupId}`).catch(() => null);
    // Names for the tracked changes' authors (members who left are named by the changes' own record).
    const members = await all<Member>(`/groups/${draft.groupId}/members`).catch(() => [] as Member[]);
    return { draft, group, members };
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
  const [editorState, setEditorState] = useState<EditorState | null>(null);
  const [outline, setOutline] = useState<OutlineEntry[]>([]);
  const sessionRef = useRef<DraftSession | null>(null);
  const [loaded, setLoaded] = useState<DraftSession | null>(null);
  const editorRef = useRef<DraftEditor | null>(null);
  const [subscribed, setSubscribed] = useState(false);

  const refreshDraft = async () => {
    const fresh = await api<Draft>('GET', `/drafts/${draftId}`).catch(() => null);
    if (fresh) setDraft((d) => (d ? { ...d, ...fresh } : fresh));
  };
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
          // What the caller may now do with the text (editMode) is in their own view of the draft.
          void refreshDraft();
          revisions.reload();
          break;
        case 'draft.edit_policy_changed':
          void refreshDraft();
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
  // What the caller may do with the text: the server says (editMode); an older server only by status and role.
  const editMode: EditMode = !draft
    ? 'read'
    : ((draft as Draft & { editMode?: EditMode }).editMode ??
      (writer && EDITABLE.includes(draft.status) ? 'edit' : 'read'));
  const editable = editMode === 'edit' || editMode === 'suggest';
  const discussable = !!draft && writer && DISCUSSABLE.includes(draft.status);

  // Comments and suggestions highlighted where their anchors are now (they move with the text).
  const toHighlight = (anchor: Anchor) => ({
    start: anchor.start,
    end: anchor.end,
    relStart: anchor.relStart,
    relEnd: anchor.relEnd,
  });
  const highlightsRef = useRef<() => Highlight[]>(() => []);
  highlightsRef.current = () => [
    ...(comments.data ?? [])
      .filter((c) => !c.resolved && c.anchor && !c.anchor.detached)
      .map((c) => ({ ...toHighlight(c.anchor!), kind: 'comment' as const, id: c.id })),
    ...(suggestions.data ?? [])
      .filter((x) => x.status === 'open' && !x.anchor.detached)
      .map((x) => ({ ...toHighlight(x.anchor), kind: 'suggestion' as const, id: x.id })),
  ];
  useEffect(() => editorRef.current?.refreshHighlights(), [comments.data, suggestions.data, mode, loaded]);

  const members = base.data?.members ?? [];
  const nameOf = (userId: string | null): string => {
    if (!userId) return t('changeUnknownPerson');
    if (userId === me.id) return me.displayName;
    const member = members.find((m) => m.userId === userId);
    if (member) return personName({ id: member.userId, displayName: member.displayName } as never);
    const present = presence.find((u) => u.id === userId);
    return present?.displayName ?? t('changeUnknownPerson');
  };
  // The changes' titles name people: look them up again when someone new is known.
  const knownNames = `${members.length}:${presence.map((u) => u.id).join(',')}`;
  useEffect(() => editorRef.current?.refreshNames(), [knownNames]);

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
        // Refused as locked: read-only until the draft says again what this person may do.
        onLocked: () => (editorRef.current?.setEditable(false), void refreshDraft()),
        onError: setEditError,
      },
    );
    sessionRef.current = s;
    void s.start(base.data.draft).then(() => {
      if (sessionRef.current === s) setLoaded(s);
    });
    return undefined;
  }, [startable]);
  useEffect(
    () => () => {
      sessionRef.current?.destroy();
      sessionRef.current = null;
    },
    [],
  );

  const onEditorState = (state: EditorState) => {
    setEditorState((prev) => {
      if (!prev || !prev.doc.eq(state.doc)) setOutline(outlineOf(state.doc));
      return state;
    });
  };
  const selection = editorState?.selection;
  const hasSelection = !!selection && selection.to > selection.from;
  /** The selection as Markdown offsets of the draft's `content` (what the REST anchors take). */
  const selectionAnchor = () => {
    const s = sessionRef.current;
    const state = editorRef.current?.view.state;
    if (!s || !state || state.selection.empty) return null;
    const from = charIndexAtPos(state.doc, state.selection.from);
    const to = charIndexAtPos(state.doc, state.selection.to);
    if (to <= from) return null;
    const map = new TextMap(s.doc, readDoc(s.doc));
    const start = map.offsetOf(from);
    const end = map.offsetOf(to - 1) + 1;
    return { start, end, ...(s.settled ? { version: s.version } : {}) };
  };

  if (base.error !== undefined) return <ErrorView error={base.error} onRetry={base.reload} />;
  if (!base.data || !draft) return <Loading />;
  const group = base.data.group;
  const people = [...new Map(presence.map((u) => [u.id, u])).values()];

  const openComments = (comments.data ?? []).filter((c) => !c.resolved).length;
  const openSuggestions = (suggestions.data ?? []).filter((x) => x.status === 'open').length;
  const outlinePanel = (
    <>
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
    </>
  );
  /** Selects an anchored comment's or suggestion's text in the editor. */
  const showAnchor = (a: Anchor) => {
    if (!a.detached) editorRef.current?.selectHighlight(toHighlight(a));
  };
  /** Selects a tracked change's text in the editor. */
  const showChange = (key: string) => {
    const state = editorRef.current?.view.state;
    if (!state) return;
    let from = -1;
    let to = -1;
    state.doc.descendants((node, pos) => {
      if (node.isText && node.marks.some((m) => changeKey(m) === key)) {
        if (from < 0) from = pos;
        to = pos + node.nodeSize;
      }
      return true;
    });
    if (from >= 0) editorRef.current?.select(from, to);
  };
  const changesPanel = (
    <ChangesPanel
      draftId={draftId}
      doc={editorState?.doc ?? null}
      canDecide={editable && editMode === 'edit'}
      nameOf={nameOf}
      onShow={showChange}
    />
  );
  const openChanges = editorState ? listChanges(editorState.doc).length : 0;
  const commentsPanel = (
    <Comments
      draftId={draftId}
      items={comments.data}
      canWrite={discussable}
      moderator={moderator}
      onShow={showAnchor}
      onChanged={comments.reload}
    />
  );
  const suggestionsPanel = (
    <Suggestions
      draftId={draftId}
      items={suggestions.data}
      moderator={moderator && DISCUSSABLE.includes(draft.status)}
      onShow={showAnchor}
      onChanged={suggestions.reload}
    />
  );
  const revisionsPanel = (
    <Revisions
      draftId={draftId}
      items={revisions.data}
      canWrite={writer && DISCUSSABLE.includes(draft.status)}
      // As the api rules: the group's owners and moderators, and whoever started the draft (while it is editable).
      canRestore={editMode === 'edit' && (moderator || draft.createdBy === me.id)}
      onChanged={revisions.reload}
    />
  );
  const exportsPanel = <Exports draftId={draftId} />;

  return (
    <div class="page draft-page">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/groups">{t('navGroups')}</a>
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
      <DraftState
        status={draft.status}
        mode={mode}
        editable={editable}
        lockedByRole={EDITABLE.includes(draft.status)}
        saving={saving}
        version={version}
        revisions={revisions.data}
      />
      <FormError error={editError} />
      <div class="draft-layout">
        {!narrow && (
          <aside class="draft-outline" aria-labelledby="outline-title">
            {outlinePanel}
          </aside>
        )}
        <div class="draft-main">
          <EditorPane
            session={loaded}
            userId={me.id}
            writable={editable}
            editMode={editMode}
            nameOf={nameOf}
            highlights={() => highlightsRef.current()}
            onEditor={(editor) => (editorRef.current = editor)}
            onState={onEditorState}
          />
          {discussable && (
            <SelectionTools
              draftId={draftId}
              selectionText={
                hasSelection ? editorState!.doc.textBetween(selection!.from, selection!.to, ' ') : ''
              }
              anchor={selectionAnchor}
              onDone={() => (comments.reload(), suggestions.reload())}
            />
          )}
          <Workflow draft={draft} moderator={moderator} onChanged={setDraft} />
          {!narrow && revisionsPanel}
          {!narrow && exportsPanel}
        </div>
        {narrow ? (
          <PanelTabs
            idPrefix="draft"
            label={t('draftPanels')}
            panels={[
              { id: 'comments', label: t('comments'), count: openComments, content: commentsPanel },
              {
                id: 'suggestions',
                label: t('suggestions'),
                count: openSuggestions,
                content: suggestionsPanel,
              },
              { id: 'changes', label: t('changesTitle'), count: openChanges, content: changesPanel },
              { id: 'revisions', label: t('revisions'), content: revisionsPanel },
              { id: 'outline', label: t('outline'), content: outlinePanel },
              { id: 'exports', label: t('export'), content: exportsPanel },
            ]}
          />
        ) : (
          <aside
            class="draft-margin"
            aria-label={`${t('comments')} / ${t('changesTitle')} / ${t('suggestions')}`}
          >
            {commentsPanel}
            {changesPanel}
            {suggestionsPanel}
          </aside>
        )}
      </div>
    </div>
  );
}
