import { useState } from 'preact/hooks';
import { FormError, Markdown, Section, personName, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import { session as auth } from '../../lib/session';
import type { Anchor, DraftComment } from '../../lib/types';

export function Comments(props: {
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
