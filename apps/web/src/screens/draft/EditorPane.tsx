import type { EditorState } from 'prosemirror-state';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DraftSession } from '../../lib/draft-session';
import { formatTime, t } from '../../lib/i18n';
import { linkAt, setLink } from '../../lib/rich-editor/commands';
import { newUndoStep } from '../../lib/rich-editor/history';
import { createEditor, type DraftEditor, type Highlight } from '../../lib/rich-editor/editor';
import { LinkDialog } from './LinkDialog';
import { Toolbar } from './Toolbar';
import 'prosemirror-view/style/prosemirror.css';
import './editor.css';

/** What the draft's payload says the caller may do with the text (absent: edit). */
export type EditMode = 'edit' | 'suggest' | 'comment' | 'read';

/**
 * The editor with its toolbar and the switch between editing and suggesting (tracked changes). The editor is made
 * once the session has loaded the document; `onEditor` hands it to the screen (outline, comments, changes).
 */
export function EditorPane(props: {
  session: DraftSession | null;
  userId: string;
  /** The status and the person's role allow changing the text at all. */
  writable: boolean;
  editMode: EditMode;
  nameOf: (userId: string | null) => string;
  highlights: () => Highlight[];
  onEditor: (editor: DraftEditor | null) => void;
  onState: (state: EditorState) => void;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<DraftEditor | null>(null);
  const [state, setState] = useState<EditorState | null>(null);
  const [link, setLinkOpen] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const canEdit = props.writable && (props.editMode === 'edit' || props.editMode === 'suggest');
  const forced = props.editMode === 'suggest';
  const suggestingNow = forced || suggesting;
  const live = useRef(props);
  live.current = props;

  useEffect(() => {
    const session = props.session;
    if (!session || !hostRef.current) return;
    const editor = createEditor(hostRef.current, session, {
      label: t('editorText'),
      editable: canEdit,
      userId: props.userId,
      rnLabel: (rn) => t('rnLabel', { rn }),
      changeWords: {
        describe: (kind, authorId, at) =>
          t(
            kind === 'insertion'
              ? 'changeInsertion'
              : kind === 'deletion'
                ? 'changeDeletion'
                : 'changeModification',
            {
              name: live.current.nameOf(authorId),
              time: at ? formatTime(at) : '',
            },
          ),
      },
      highlights: () => live.current.highlights(),
      highlightLabel: (h) => t(h.kind === 'comment' ? 'anchorComment' : 'anchorSuggestion'),
      onState: (s) => (setState(s), live.current.onState(s)),
      onLinkRequest: () => setLinkOpen(linkAt(editorRef.current!.view.state) ?? ''),
    });
    editorRef.current = editor;
    props.onEditor(editor);
    return () => {
      props.onEditor(null);
      editorRef.current = null;
      editor.destroy();
    };
  }, [props.session]);
  useEffect(() => editorRef.current?.setEditable(canEdit), [canEdit, state === null]);
  useEffect(
    () => editorRef.current?.setSuggesting(canEdit && suggestingNow),
    [canEdit, suggestingNow, state === null],
  );

  // Back into the text once the link dialog has closed (closing it would leave the focus on the page).
  const linkOpen = useRef(false);
  useEffect(() => {
    if (link === null && linkOpen.current) editorRef.current?.view.focus();
    linkOpen.current = link !== null;
  }, [link]);
  const applyLink = (href: string) => {
    const view = editorRef.current?.view;
    setLinkOpen(null);
    if (!view) return;
    newUndoStep(view.state);
    setLink(href)(view.state, view.dispatch);
  };

  return (
    <div class="editor-pane">
      {canEdit && (
        <div class="editor-bar">
          <div class="mode-switch" role="group" aria-label={t('editMode')}>
            <button
              type="button"
              aria-pressed={!suggestingNow}
              disabled={forced}
              aria-describedby={forced ? 'edit-mode-note' : undefined}
              onClick={() => setSuggesting(false)}
            >
              {t('editModeEdit')}
            </button>
            <button
              type="button"
              aria-pressed={suggestingNow}
              disabled={forced}
              aria-describedby={forced ? 'edit-mode-note' : undefined}
              onClick={() => setSuggesting(true)}
            >
              {t('editModeSuggest')}
            </button>
          </div>
          {suggestingNow && (
            <p id="edit-mode-note" class="meta mode-note">
              {forced ? t('editModeSuggestForced') : t('editModeSuggestOn')}
            </p>
          )}
          <Toolbar
            editor={editorRef.current}
            state={state}
            disabled={!canEdit}
            onLink={() => editorRef.current && setLinkOpen(linkAt(editorRef.current.view.state) ?? '')}
          />
        </div>
      )}
      {props.writable && !canEdit && <p class="meta">{t('editModeReadOnly')}</p>}
      <div
        class={`editor-host${suggestingNow && canEdit ? ' is-suggesting' : ''}`}
        ref={hostRef}
        data-testid="draft-editor"
      />
      {link !== null && <LinkDialog initial={link} onApply={applyLink} onCancel={() => setLinkOpen(null)} />}
    </div>
  );
}
