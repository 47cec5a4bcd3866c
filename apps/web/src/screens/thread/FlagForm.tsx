import { useState } from 'preact/hooks';
import { FormError, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import type { Post } from '../../lib/types';

export function FlagForm({ post, onDone }: { post: Post; onDone: (ok: boolean) => void }) {
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
