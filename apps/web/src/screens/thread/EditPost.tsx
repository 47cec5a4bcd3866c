import { useState } from 'preact/hooks';
import { FormError, MarkdownInput, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import type { Post } from '../../lib/types';

export function EditPost({ post, onDone }: { post: Post; onDone: (post: Post | null) => void }) {
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
