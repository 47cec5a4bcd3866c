import { useRef, useState } from 'preact/hooks';
import { FormError, MarkdownInput, personName, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { realtime } from '../../lib/live';
import type { MentionContext } from '../../lib/markdown';
import type { Person, Post } from '../../lib/types';
import { useMentions } from './useMentions';

/**
 * The reply box under a thread. Quoting a selection adds to its text through `insertRef` (the text stays here, so
 * typing does not re-render the posts); `@` and a name suggest members of the thread's group (and the thread's
 * other authors).
 */
export function Composer(props: {
  threadId: string;
  stream: string;
  groupId: string;
  /** Set by the composer: adds text to what is written (`(body) => newBody`), focused at its end. */
  insertRef: { current: ((edit: (body: string) => string) => void) | null };
  replyTo: Post | null;
  clearReply: () => void;
  textareaRef: { current: HTMLTextAreaElement | null };
  onPosted: (post: Post) => void;
  mentions: MentionContext;
  participants: Person[];
  onMentioned: (person: Person) => void;
}) {
  const [body, setBody] = useState('');
  props.insertRef.current = (edit) => {
    const next = edit(body);
    setBody(next);
    requestAnimationFrame(() => {
      const el = props.textareaRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(next.length, next.length);
      el.scrollIntoView({ block: 'nearest' });
    });
  };
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
  const mention = useMentions({
    groupId: props.groupId,
    value: body,
    setValue: setBody,
    textareaRef: props.textareaRef,
    known: props.participants,
    onChosen: props.onMentioned,
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
        mentions={props.mentions}
        onKeyDown={mention.onKeyDown}
        textareaAttrs={mention.textareaAttrs}
      >
        {mention.popup}
      </MarkdownInput>
      <FormError error={send.error} />
      <div class="row">
        <button type="submit" class="primary" disabled={send.busy || !body.trim()}>
          {send.busy ? t('sending') : t('send')}
        </button>
        <span class="hint">{t('mentionHint')}</span>
      </div>
    </form>
  );
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}
