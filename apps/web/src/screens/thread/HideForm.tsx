import { useState } from 'preact/hooks';
import { FormError, TextField, useAction, useId } from '../../components/common';
import { HideReasonSelect } from '../../components/HideReasonSelect';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import type { Post } from '../../lib/types';

export function HideForm({ post, onDone }: { post: Post; onDone: (post: Post | null) => void }) {
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
        <HideReasonSelect id={`${id}-reason`} autoFocus value={reasonCode} onValue={setReason} />
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
