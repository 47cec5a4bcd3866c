import { useState } from 'preact/hooks';
import { FormError, Markdown, personName, useAction, useId } from '../../components/common';
import { VerifiedOrganisation } from '../../components/VerifiedOrganisation';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import { session } from '../../lib/session';
import type { MentionContext } from '../../lib/markdown';
import type { Post } from '../../lib/types';
import { EditPost } from './EditPost';
import { FlagForm } from './FlagForm';
import { HideForm } from './HideForm';
import { reasonText } from './reasons';

export function PostItem(props: {
  post: Post;
  moderator: boolean;
  canWrite: boolean;
  onReply: () => void;
  onChanged: (post: Post) => void;
  mentions: MentionContext;
  /** Where to offer quoting the text selected in this post's body. */
  quoteAt?: { top: number; left: number } | null;
  onQuote?: () => void;
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
        {post.body && <Markdown source={post.body} class="dimmed" mentions={props.mentions} />}
      </div>
    );
  } else if (post.hidden) {
    body = <p class="placeholder">{t('postHidden')}</p>;
  } else if (mode === 'edit') {
    body = <EditPost post={post} onDone={(p) => (p && props.onChanged(p), setMode('view'))} />;
  } else {
    body = <Markdown source={post.body ?? ''} mentions={props.mentions} />;
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
        <VerifiedOrganisation organisation={post.author.organisation} />
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
          {/* A post that quotes a passage of the one it answers shows that passage, not the beginning again. */}
          {!post.body?.includes(`#/threads/${post.threadId}?seq=${post.replyTo.seq})`) && (
            <p>{post.replyTo.excerpt ?? <em>{t('quoteUnavailable')}</em>}</p>
          )}
        </blockquote>
      )}
      <div class="post-body">{body}</div>
      {props.quoteAt && props.canWrite && !post.hidden && !post.deleted && mode === 'view' && (
        <button
          type="button"
          class="post-quote-button"
          style={{ top: `${props.quoteAt.top}px`, left: `${props.quoteAt.left}px` }}
          aria-label={t('quoteSelectionLabel', { name: personName(post.author) })}
          // Pressing the button must not clear the selection it quotes.
          onMouseDown={(e) => e.preventDefault()}
          onClick={props.onQuote}
        >
          {t('quoteSelection')}
        </button>
      )}
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
