import type { Node } from 'prosemirror-model';
import { listChanges, type TrackedChange } from '@runde/richtext';
import { FormError, Section, useAction } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';

export type Decision = { decision: 'accept' | 'reject'; keys?: string[]; authorId?: string };

/**
 * The tracked changes in the text, live (listChanges on the editor's document), with Annehmen / Ablehnen per
 * change and for all of one person's. Decisions go to the server, which carries them out on the document; the
 * result arrives over the live sync like any edit.
 */
export function ChangesPanel(props: {
  draftId: string;
  doc: Node | null;
  canDecide: boolean;
  nameOf: (userId: string | null) => string;
  onShow: (key: string) => void;
}) {
  const decide = useAction(async (body: Decision) => {
    await api('POST', `/drafts/${props.draftId}/changes/decisions`, body);
  });
  const changes = props.doc ? listChanges(props.doc) : [];
  const authors = [...new Set(changes.map((c) => c.authorId).filter((a): a is string => !!a))];
  return (
    <Section title={t('changesTitle')} level={2}>
      <FormError error={decide.error} />
      {changes.length === 0 ? (
        <p class="muted">{t('changesEmpty')}</p>
      ) : (
        <>
          {props.canDecide && (
            <ul class="changes-by-person">
              {authors.map((authorId) => {
                const name = props.nameOf(authorId);
                return (
                  <li key={authorId} class="row wrap">
                    <button
                      type="button"
                      disabled={decide.busy}
                      onClick={() => void decide.run({ decision: 'accept', authorId })}
                    >
                      {t('changesAcceptAllBy', { name })}
                    </button>
                    <button
                      type="button"
                      disabled={decide.busy}
                      onClick={() => void decide.run({ decision: 'reject', authorId })}
                    >
                      {t('changesRejectAllBy', { name })}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <ul class="change-list">
            {changes.map((change) => (
              <ChangeItem
                key={change.key}
                change={change}
                name={props.nameOf(change.authorId)}
                canDecide={props.canDecide}
                busy={decide.busy}
                onDecide={(decision) => void decide.run({ decision, keys: [change.key] })}
                onShow={() => props.onShow(change.key)}
              />
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

function ChangeItem(props: {
  change: TrackedChange;
  name: string;
  canDecide: boolean;
  busy: boolean;
  onDecide: (decision: 'accept' | 'reject') => void;
  onShow: () => void;
}) {
  const { change: c } = props;
  return (
    <li class="card change" data-key={c.key}>
      <p class="meta">
        {props.name}
        {c.at && (
          <>
            {' · '}
            <time dateTime={c.at}>{formatTime(c.at)}</time>
          </>
        )}
        {c.rn && ` · ${t('changeAt', { rn: c.rn })}`}
      </p>
      {c.inserted && (
        <p>
          {t('changeInserted')} <ins>{c.inserted.replace(/\u200b/g, '')}</ins>
        </p>
      )}
      {c.deleted && (
        <p>
          {t('changeDeleted')} <del>{c.deleted.replace(/\u200b/g, '')}</del>
        </p>
      )}
      {c.formatted && <p>{t('changeFormatted')}</p>}
      <div class="row wrap">
        <button type="button" class="link-button" onClick={props.onShow}>
          {t('changesShow')}
        </button>
        {props.canDecide && (
          <>
            <button
              type="button"
              aria-label={t('changeAcceptLabel', { name: props.name })}
              disabled={props.busy}
              onClick={() => props.onDecide('accept')}
            >
              {t('changeAccept')}
            </button>
            <button
              type="button"
              aria-label={t('changeRejectLabel', { name: props.name })}
              disabled={props.busy}
              onClick={() => props.onDecide('reject')}
            >
              {t('changeReject')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
