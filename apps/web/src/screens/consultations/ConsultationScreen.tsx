import { ErrorView, Loading, useAsync } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t, useLocale } from '../../lib/i18n';
import { readAgain, useStream } from '../../lib/live';
import { Board } from './Board';
import { Evaluation } from './Evaluation';
import { applyChange, type AddresseeChangePayload, type Consultation } from './model';
import { RoundStatus } from './RoundsTable';
import { StatementScreen } from './StatementScreen';
import { Synopsis } from './Synopsis';
import './consultations.css';

export type RoundView = 'board' | 'evaluation' | 'synopsis';

/**
 * A round. Its owners see the board (live from `consultation:<id>`), and after the close the evaluation and the
 * Synopse; an addressee organisation's people get the answering screen.
 */
export function ConsultationScreen({ id, view }: { id: string; view: RoundView }) {
  useLocale();
  const data = useAsync(() => api<Consultation>('GET', `/consultations/${id}`), [id]);
  const round = data.data;

  useStream(round?.viewer.owner ? `consultation:${id}` : null, {
    // Subscribed once the round was read: read it again, so that nothing between the two is missed.
    onReady: (ok) => ok && readAgain(data),
    onEvent: (event) => {
      const current = data.data;
      if (!current) return;
      switch (event.type) {
        case 'consultation.addressee_updated':
        case 'consultation.extended':
        case 'statement.released':
        case 'statement.nil_returned':
          data.setData(applyChange(current, event.data as AddresseeChangePayload));
          break;
        case 'consultation.closed': {
          const { closedAt } = event.data as { closedAt: string };
          data.setData({ ...current, status: 'closed', closedAt });
          break;
        }
        case 'consultation.published': {
          const { publishedAt } = event.data as { publishedAt: string };
          data.setData({ ...current, publishedAt });
          break;
        }
      }
    },
    onResync: () => data.reload(),
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!round) return <Loading />;
  if (!round.viewer.owner) return <StatementScreen round={round} />;

  const closed = round.status === 'closed';
  const tabs: Array<{ key: RoundView; href: string; label: string }> = [
    { key: 'board', href: `#/consultations/${id}`, label: t('cTabBoard') },
    ...(closed
      ? [
          {
            key: 'evaluation' as const,
            href: `#/consultations/${id}/evaluation`,
            label: t('cTabEvaluation'),
          },
          { key: 'synopsis' as const, href: `#/consultations/${id}/synopsis`, label: t('cTabSynopsis') },
        ]
      : []),
  ];
  const shown: RoundView = closed ? view : 'board';
  return (
    <div class="page c-round">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href={`#/groups/${round.groupId}/consultations`}>{t('cTitleOwners')}</a>
      </nav>
      <h1>{round.title}</h1>
      <RoundFacts round={round} />
      <nav aria-label={t('cRoundNav')} class="c-tabs">
        <ul>
          {tabs.map((tab) => (
            <li key={tab.key}>
              <a href={tab.href} aria-current={tab.key === shown ? 'page' : undefined}>
                {tab.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {shown === 'board' && <Board round={round} onChange={data.setData} />}
      {shown === 'evaluation' && <Evaluation round={round} onChange={data.setData} />}
      {shown === 'synopsis' && <Synopsis round={round} />}
    </div>
  );
}

/** Kind, state, Frist, the draft and the cover note. */
export function RoundFacts({ round }: { round: Consultation }) {
  return (
    <>
      <p class="meta">
        {t(`cKind_${round.kind}`)} · <RoundStatus round={round} /> ·{' '}
        {t('cDeadlineAt', { time: formatTime(round.deadline) })}
        {round.draftId && (
          <>
            {' '}
            · <a href={`#/drafts/${round.draftId}`}>{t('cOpenDraft')}</a>
          </>
        )}
      </p>
      {round.note && (
        <div class="c-note">
          <h2 class="visually-hidden">{t('cNote')}</h2>
          <p>{round.note}</p>
        </div>
      )}
    </>
  );
}
