import { useState } from 'preact/hooks';
import { FormError, Section, personName, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import type { Anchor, Suggestion } from '../../lib/types';

export function Suggestions(props: {
  draftId: string;
  items: Suggestion[] | null | undefined;
  moderator: boolean;
  onShow: (anchor: Anchor) => void;
  onChanged: () => void;
}) {
  if (props.items === null) return null;
  const items = props.items ?? [];
  return (
    <Section title={t('suggestions')} level={2}>
      {items.length === 0 ? (
        <p class="muted">{t('suggestionsEmpty')}</p>
      ) : (
        <ul class="comment-list">
          {items.map((s) => (
            <SuggestionItem key={s.id} suggestion={s} {...props} />
          ))}
        </ul>
      )}
    </Section>
  );
}

function SuggestionItem(props: {
  suggestion: Suggestion;
  draftId: string;
  moderator: boolean;
  onShow: (anchor: Anchor) => void;
  onChanged: () => void;
}) {
  const { suggestion: s } = props;
  const id = useId('rej');
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const decide = useAction(async (outcome: 'accept' | 'reject') => {
    await api(
      'POST',
      `/drafts/${props.draftId}/suggestions/${s.id}/${outcome}`,
      outcome === 'reject' ? { reason } : undefined,
    );
    props.onChanged();
  });
  return (
    <li class={`card suggestion suggestion-${s.status}`}>
      <p class="meta">
        {personName(s.author)} · {t(`suggestion_${s.status}`)}
      </p>
      <button
        type="button"
        class="quote-button"
        onClick={() => props.onShow(s.anchor)}
        disabled={s.anchor.detached}
      >
        <del>{s.anchor.quote}</del> → <ins>{s.replacement || '∅'}</ins>
      </button>
      <p>{s.rationale}</p>
      {s.decision?.reason && <p class="meta">{s.decision.reason}</p>}
      {props.moderator && s.status === 'open' && (
        <div class="row wrap">
          <button
            type="button"
            class="primary"
            disabled={decide.busy}
            onClick={() => void decide.run('accept')}
          >
            {t('accept')}
          </button>
          {rejecting ? (
            <form
              class="row wrap"
              onSubmit={(e) => {
                e.preventDefault();
                void decide.run('reject');
              }}
            >
              <label for={id}>{t('rejectReason')}</label>
              <input
                id={id}
                required
                value={reason}
                onInput={(e) => setReason((e.target as HTMLInputElement).value)}
              />
              <button type="submit" disabled={decide.busy}>
                {t('reject')}
              </button>
            </form>
          ) : (
            <button type="button" onClick={() => setRejecting(true)}>
              {t('reject')}
            </button>
          )}
        </div>
      )}
      <FormError error={decide.error} />
    </li>
  );
}
