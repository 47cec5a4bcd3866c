import { useState } from 'preact/hooks';
import { ErrorView, Loading, useAction, useAsync } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api, optional } from '../../lib/api';
import { formatTime, t, useLocale } from '../../lib/i18n';
import { useStream } from '../../lib/live';
import { StatusBadge } from './Board';
import { RoundFacts } from './ConsultationScreen';
import type { AddresseeChangePayload, Consultation, DraftBlock, Statement } from './model';
import { applyChange } from './model';
import { DraftBlocks } from './DraftBlocks';
import { StatementEditor, StatementView } from './StatementEditor';
import { useStatementDraft } from './useStatementDraft';

interface OwnMembership {
  organisation: { id: string; name: string };
  role: 'admin' | 'member' | 'deputy';
  status: 'requested' | 'confirmed';
}

/**
 * The answering screen of an addressee organisation: the consulted draft's numbered blocks beside the statement
 * (general part, points anchored to a Randnummer with a position and an optional Formulierungsvorschlag, the
 * answers to the questions). Its people draft it together; its admins and deputies release it (Mitzeichnung) or
 * answer with a Fehlanzeige.
 */
export function StatementScreen({ round: initialRound }: { round: Consultation }) {
  useLocale();
  const orgId = initialRound.viewer.organisationIds[0];
  const [round, setRound] = useState(initialRound);
  const data = useAsync(async () => {
    const [statement, mine, blocks] = await Promise.all([
      api<Statement>('GET', `/consultations/${round.id}/statements/${orgId}`),
      api<{ items: OwnMembership[] }>('GET', '/me/organisations').then((r) => r.items),
      round.draftId
        ? optional(api<{ items: DraftBlock[] }>('GET', `/consultations/${round.id}/blocks`)).then(
            (r) => r?.items ?? null,
          )
        : Promise.resolve([] as DraftBlock[]),
    ]);
    const membership = mine.find((m) => m.organisation.id === orgId && m.status === 'confirmed');
    return { statement, membership, blocks };
  }, [round.id, orgId]);

  useStream(`organisation:${orgId}`, {
    onEvent: (event) => {
      switch (event.type) {
        case 'consultation.extended': {
          const change = event.data as AddresseeChangePayload;
          if (change.consultationId === round.id) setRound((r) => applyChange(r, change));
          break;
        }
        case 'consultation.closed':
        case 'consultation.published':
          if ((event.data as { consultationId: string }).consultationId === round.id)
            void api<Consultation>('GET', `/consultations/${round.id}`).then(setRound);
          break;
      }
    },
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { membership, blocks } = data.data;
  const addressee = round.addressees.find((a) => a.organisationId === orgId);
  return (
    <div class="page c-answer">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href="#/my-consultations">{t('cTitleMine')}</a>
      </nav>
      <h1>{round.title}</h1>
      <RoundFacts round={round} />
      {addressee && (
        <p class="meta">
          {t('cForOrg', { name: addressee.name })} · <StatusBadge a={addressee} /> ·{' '}
          {t('cOwnDeadline', { time: formatTime(addressee.deadline) })}
        </p>
      )}
      <div class="c-answer-columns">
        {round.draftId && (
          <section class="c-draft-col" aria-labelledby="c-draft-h">
            <h2 id="c-draft-h">{t('cDraftText')}</h2>
            {blocks ? <DraftBlocks blocks={blocks} /> : <p class="notice">{t('cDraftUnreadable')}</p>}
          </section>
        )}
        <Answering
          key={data.data.statement.id || 'new'}
          round={round}
          orgId={orgId}
          initial={data.data.statement}
          blocks={blocks ?? []}
          role={membership?.role ?? null}
        />
      </div>
    </div>
  );
}

function Answering(props: {
  round: Consultation;
  orgId: string;
  initial: Statement;
  blocks: DraftBlock[];
  role: OwnMembership['role'] | null;
}) {
  const { round, orgId } = props;
  const draft = useStatementDraft(round.id, orgId, props.initial);
  const [asking, setAsking] = useState<'release' | 'nil' | null>(null);
  const addressee = round.addressees.find((a) => a.organisationId === orgId);
  const openForUs =
    round.status === 'open' ||
    (!!addressee &&
      Date.parse(addressee.deadline) > Date.now() &&
      !!round.closedAt &&
      Date.parse(addressee.deadline) > Date.parse(round.closedAt));
  const mayRelease = props.role === 'admin' || props.role === 'deputy';
  const s = draft.statement;
  const step = useAction(async (kind: 'release' | 'nil' | 'correction') => {
    if (kind !== 'correction') await draft.flush();
    const path = kind === 'release' ? 'release' : kind === 'nil' ? 'nil-return' : 'correction';
    draft.replace(await api<Statement>('POST', `/consultations/${round.id}/statements/${orgId}/${path}`));
    setAsking(null);
  });

  if (s.status !== 'drafting') {
    return (
      <section class="c-statement-col" aria-labelledby="c-statement-h">
        <h2 id="c-statement-h">{t('cStatement')}</h2>
        <p class="notice" role="status">
          {s.status === 'released'
            ? t('cReleasedAt', { time: formatTime(s.releasedAt ?? s.updatedAt) })
            : t('cNilReturnedAt', { time: formatTime(s.releasedAt ?? s.updatedAt) })}
          {s.late && ` ${t('cLateMark')}`}
        </p>
        {s.status === 'released' && <StatementView statement={s} questions={round.questions} />}
        {s.status === 'released' && openForUs && (
          <>
            <button type="button" onClick={() => void step.run('correction')} disabled={step.busy}>
              {t('cStartCorrection')}
            </button>
            <p class="hint">{t('cCorrectionHint')}</p>
          </>
        )}
      </section>
    );
  }

  return (
    <section class="c-statement-col" aria-labelledby="c-statement-h">
      <h2 id="c-statement-h">{s.correctsId ? t('cStatementCorrection') : t('cStatement')}</h2>
      {!openForUs && <p class="notice">{t('cClosedForYou')}</p>}
      {draft.notice && (
        <p class="notice" role="status">
          {draft.notice === 'merged' ? t('cMergedNotice') : t('cRemoteNotice')}{' '}
          <button type="button" class="link-button" onClick={() => draft.setNotice(null)}>
            {t('cNoticeDismiss')}
          </button>
        </p>
      )}
      <StatementEditor
        value={draft.local}
        onChange={draft.edit}
        blocks={props.blocks}
        questions={round.questions}
        disabled={!openForUs}
      />
      <p class={`c-save c-save-${draft.saveState}`} role="status" aria-live="polite">
        {t(`cSave_${draft.saveState}`)}
      </p>
      {draft.saveState === 'error' && <ErrorView error={draft.error} />}
      {openForUs && (
        <div class="c-release">
          <h3>{t('cReleaseHeading')}</h3>
          {mayRelease ? (
            <div class="row wrap">
              <button type="button" class="primary" onClick={() => setAsking('release')}>
                {t('cRelease')}
              </button>
              <button type="button" onClick={() => setAsking('nil')}>
                {t('cNilReturn')}
              </button>
            </div>
          ) : (
            <p>{t('cWhoReleases')}</p>
          )}
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title={asking === 'release' ? t('cReleaseConfirmTitle') : t('cNilConfirmTitle')}
          confirmLabel={asking === 'release' ? t('cReleaseYes') : t('cNilYes')}
          busy={step.busy}
          error={step.error}
          onConfirm={() => void step.run(asking)}
          onCancel={() => {
            setAsking(null);
            step.setError(null);
          }}
        >
          <p>{asking === 'release' ? t('cReleaseConfirmText') : t('cNilConfirmText')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
