import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, useAction, useAsync } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import { useStream } from '../../lib/live';
import {
  ASSESSMENTS,
  type CommentAssessment,
  type Consultation,
  type Statement,
  type StatementComment,
} from './model';
import { answerText } from './StatementEditor';

interface Assessed {
  commentId: string;
  assessment: CommentAssessment;
  reason: string | null;
}

/**
 * Auswertung (owners, after the close): every released statement with its points; each point gets an assessment
 * (übernommen / teilweise übernommen / nicht übernommen / zur Kenntnis genommen) and a reason. "Veröffentlichen"
 * makes the statements and assessments visible to all addressees.
 */
export function Evaluation({
  round,
  onChange,
}: {
  round: Consultation;
  onChange: (next: Consultation) => void;
}) {
  const data = useAsync(
    () => api<{ items: Statement[] }>('GET', `/consultations/${round.id}/statements`).then((r) => r.items),
    [round.id],
  );
  const [publishing, setPublishing] = useState(false);
  const publish = useAction(async () => {
    onChange(await api<Consultation>('POST', `/consultations/${round.id}/publish`));
    setPublishing(false);
  });
  const patch = (a: Assessed) => {
    if (!data.data) return;
    data.setData(
      data.data.map((s) => ({
        ...s,
        comments: s.comments.map((c) =>
          c.id === a.commentId ? { ...c, assessment: a.assessment, assessmentReason: a.reason } : c,
        ),
      })),
    );
  };
  useStream(`consultation:${round.id}`, {
    onEvent: (event) => {
      if (event.type === 'assessment.recorded') patch(event.data as Assessed);
      if (event.type === 'statement.released') data.reload();
    },
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const names = new Map(round.addressees.map((a) => [a.organisationId, a.name]));
  const released = data.data
    .filter((s) => s.status === 'released')
    .sort((a, b) => (names.get(a.organisationId) ?? '').localeCompare(names.get(b.organisationId) ?? ''));
  const points = released.reduce((n, s) => n + s.comments.length, 0);
  const assessed = released.reduce((n, s) => n + s.comments.filter((c) => c.assessment).length, 0);
  return (
    <div class="c-evaluation">
      <h2>{t('cTabEvaluation')}</h2>
      <p aria-live="polite">{t('cAssessedCount', { assessed, points })}</p>
      {round.publishedAt ? (
        <p class="notice">{t('cPublishedAt', { time: formatTime(round.publishedAt) })}</p>
      ) : (
        <p>
          <button type="button" class="primary" onClick={() => setPublishing(true)}>
            {t('cPublish')}
          </button>
        </p>
      )}
      {released.length === 0 && <p class="muted">{t('cNoStatements')}</p>}
      {released.map((s) => (
        <section key={s.id} class="c-eval-org" aria-labelledby={`eval-${s.id}`}>
          <h3 id={`eval-${s.id}`}>
            {names.get(s.organisationId) ?? s.organisationId}
            {s.late && <span class="c-badge c-late"> {t('cLateMark')}</span>}
          </h3>
          {s.general && (
            <>
              <h4>{t('cGeneral')}</h4>
              <p class="c-pre">{s.general}</p>
            </>
          )}
          {s.answers.length > 0 && (
            <dl class="c-answers-view">
              {round.questions.map((q) => (
                <div key={q.id}>
                  <dt>{q.text}</dt>
                  <dd>{answerText(s.answers.find((a) => a.questionId === q.id)?.value)}</dd>
                </div>
              ))}
            </dl>
          )}
          <ol class="c-eval-points">
            {s.comments.map((c) => (
              <li key={c.id}>
                <AssessPoint
                  roundId={round.id}
                  org={names.get(s.organisationId) ?? ''}
                  comment={c}
                  onSaved={patch}
                />
              </li>
            ))}
          </ol>
        </section>
      ))}
      {publishing && (
        <ConfirmDialog
          title={t('cPublishConfirmTitle')}
          confirmLabel={t('cPublishYes')}
          busy={publish.busy}
          error={publish.error}
          onConfirm={() => void publish.run()}
          onCancel={() => setPublishing(false)}
        >
          <p>{t('cPublishConfirmText')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function AssessPoint(props: {
  roundId: string;
  org: string;
  comment: StatementComment;
  onSaved: (a: Assessed) => void;
}) {
  const c = props.comment;
  const [assessment, setAssessment] = useState<CommentAssessment | ''>(c.assessment ?? '');
  const [reason, setReason] = useState(c.assessmentReason ?? '');
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    if (!assessment) return;
    const r = await api<Assessed>('PUT', `/consultations/${props.roundId}/assessments/${c.id}`, {
      assessment,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    props.onSaved(r);
    setSaved(true);
  });
  const rn = c.anchor && 'randnummer' in c.anchor ? t('cRn', { rn: c.anchor.randnummer }) : t('cNoAnchor');
  return (
    <article class="c-eval-point" aria-label={t('cPointOf', { org: props.org, rn })}>
      <p>
        <strong>{rn}</strong> · {props.org} · <span class="c-badge">{t(`cPos_${c.position}`)}</span>
      </p>
      <p class="c-pre">{c.text}</p>
      {c.proposedWording && (
        <p class="c-pre">
          <em>{t('cProposal')}:</em> {c.proposedWording}
        </p>
      )}
      <form
        class="c-assess"
        onSubmit={(e) => {
          e.preventDefault();
          void save.run();
        }}
      >
        <div class="field">
          <label for={`as-${c.id}`}>{t('cAssessment')}</label>
          <select
            id={`as-${c.id}`}
            value={assessment}
            required
            onChange={(e) => {
              setAssessment((e.target as HTMLSelectElement).value as CommentAssessment);
              setSaved(false);
            }}
          >
            <option value="">{t('cAssessmentNone')}</option>
            {ASSESSMENTS.map((a) => (
              <option key={a} value={a}>
                {t(`cAss_${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`re-${c.id}`}>{t('cReason')}</label>
          <textarea
            id={`re-${c.id}`}
            rows={2}
            value={reason}
            maxLength={10_000}
            onInput={(e) => {
              setReason((e.target as HTMLTextAreaElement).value);
              setSaved(false);
            }}
          />
        </div>
        <FormError error={save.error} />
        <div class="row">
          <button type="submit" disabled={save.busy || !assessment}>
            {t('cAssessSave')}
          </button>
          <span role="status">{saved ? t('cAssessSaved') : ''}</span>
        </div>
      </form>
    </article>
  );
}
