import { useRef, useState } from 'preact/hooks';
import { FormError, MarkdownInput, personName, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { realtime } from '../../lib/live';
import type { Post } from '../../lib/types';

export function Composer(props: {
  threadId: string;
  stream: string;
  replyTo: Post | null;
  clearReply: () => void;
  textareaRef: { current: HTMLTextAreaElement | null };
  onPosted: (post: Post) => void;
}) {
  const [body, setBody] = useState('');
  const lastTyping = useRef(0);
  const send = useAction(async () => {
    if (!body.trim()) return;
    const post = await api<Post>('POST', `/threads/${props.threadId}/posts`, {
      body,
      ...(props.replyTo ? { replyToId: props.replyTo.id } : {}),
    });
    props.onPosted(post);
    setBody('');
    props.clearReply();
  });
  const onKeyActivity = () => {
    const now = Date.now();
    if (now - lastTyping.current > 1500) {
      lastTyping.current = now;
      realtime().typing(props.stream);
    }
  };
  return (
    <form
      class="composer stack"
      onSubmit={(e) => {
        e.preventDefault();
        void send.run();
      }}
    >
      {props.replyTo && (
        <div class="replying">
          <blockquote class="reply-quote">
            <strong>{t('replyingTo', { name: personName(props.replyTo.author) })}</strong>
            <p>{excerpt(props.replyTo.body ?? '')}</p>
          </blockquote>
          <button type="button" class="link-button" onClick={props.clearReply}>
            {t('removeReply')}
          </button>
        </div>
      )}
      <MarkdownInput
        label={t('yourPost')}
        value={body}
        onInput={setBody}
        onKeyActivity={onKeyActivity}
        onSubmit={() => void send.run()}
        textareaRef={props.textareaRef}
        name="body"
      />
      <FormError error={send.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={send.busy || !body.trim()}>
          {send.busy ? t('sending') : t('send')}
        </button>
      </div>
    </form>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
