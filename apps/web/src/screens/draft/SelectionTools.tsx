import { useState } from 'preact/hooks';
import { FormError, TextField, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';

export function SelectionTools(props: {
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
