import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, useAction, useAsync } from '../../components/common';
import { api, apiBlob, downloadBlob, optional } from '../../lib/api';
import { t } from '../../lib/i18n';
import {
  ASSESSMENTS,
  compareRn,
  POSITIONS,
  type Consultation,
  type DraftBlock,
  type Statement,
  type SynopsisData,
  type SynopsisPoint,
} from './model';
import { answerText } from './StatementEditor';

const FORMATS = ['docx', 'odt', 'pdf', 'csv'] as const;

/**
 * The Synopse: the draft's text by Randnummer, each organisation's points on it beside the assessment and its
 * reason; points without a Randnummer first. Filters by organisation, position and assessment; the same filters
 * go to the documents (DOCX, ODT, PDF, CSV) the api builds.
 */
export function Synopsis({ round }: { round: Consultation }) {
  const [org, setOrg] = useState('');
  const [position, setPosition] = useState('');
  const [assessment, setAssessment] = useState('');
  const filters = () => {
    const q = new URLSearchParams();
    if (org) q.set('organisationId', org);
    if (position) q.set('position', position);
    if (assessment) q.set('assessment', assessment);
    return q;
  };
  const data = useAsync(async () => {
    const q = filters();
    q.set('format', 'json');
    const synopsis = await optional(api<SynopsisData>('GET', `/consultations/${round.id}/synopsis?${q}`));
    return synopsis ?? fallback(round, { org, position, assessment });
  }, [round.id, org, position, assessment]);
  const download = useAction(async (format: (typeof FORMATS)[number]) => {
    const q = filters();
    q.set('format', format);
    const { blob, filename } = await apiBlob(`/consultations/${round.id}/synopsis?${q}`);
    downloadBlob(blob, filename ?? `synopse.${format}`);
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  const synopsis = data.data;
  const groups: Array<{ key: string; title: string; text: string | null; points: SynopsisPoint[] }> = synopsis
    ? [
        ...(synopsis.general.length
          ? [{ key: 'general', title: t('cNoAnchor'), text: null, points: synopsis.general }]
          : []),
        ...synopsis.blocks
          .filter((b) => b.points.length)
          .map((b, i) => ({
            key: b.blockId ?? `b${i}`,
            title: b.randnummer ? t('cRn', { rn: b.randnummer }) : b.text.slice(0, 80),
            text: b.text,
            points: b.points,
          })),
        ...(synopsis.unplaced.length
          ? [{ key: 'unplaced', title: t('cUnplaced'), text: null, points: synopsis.unplaced }]
          : []),
      ]
    : [];
  const shownCount = groups.reduce((n, g) => n + g.points.length, 0);
  const orgs = round.addressees;

  return (
    <div class="c-synopsis">
      <h2>{t('cTabSynopsis')}</h2>
      <form class="c-filters row wrap" onSubmit={(e) => e.preventDefault()} aria-label={t('cFilters')}>
        <div class="field">
          <label for="syn-org">{t('cOrganisation')}</label>
          <select id="syn-org" value={org} onChange={(e) => setOrg((e.target as HTMLSelectElement).value)}>
            <option value="">{t('cAll')}</option>
            {orgs.map((o) => (
              <option key={o.organisationId} value={o.organisationId}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="syn-pos">{t('cPosition')}</label>
          <select
            id="syn-pos"
            value={position}
            onChange={(e) => setPosition((e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('cAll')}</option>
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {t(`cPos_${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="syn-ass">{t('cAssessment')}</label>
          <select
            id="syn-ass"
            value={assessment}
            onChange={(e) => setAssessment((e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('cAll')}</option>
            {ASSESSMENTS.map((a) => (
              <option key={a} value={a}>
                {t(`cAss_${a}`)}
              </option>
            ))}
            <option value="none">{t('cAssessmentNone')}</option>
          </select>
        </div>
      </form>
      <div class="c-downloads">
        <h3>{t('cDownloads')}</h3>
        <ul class="row wrap">
          {FORMATS.map((f) => (
            <li key={f}>
              <button type="button" disabled={download.busy} onClick={() => void download.run(f)}>
                {t(`cDownload_${f}`)}
              </button>
            </li>
          ))}
        </ul>
        <FormError error={download.error} />
      </div>
      {!synopsis ? (
        <Loading />
      ) : (
        <>
          <p aria-live="polite">{t('cSynopsisCount', { count: shownCount })}</p>
          {groups.map((g) => (
            <section key={g.key} class="c-syn-group" aria-labelledby={`syn-${g.key}`}>
              <h3 id={`syn-${g.key}`}>{g.title}</h3>
              {g.text && <blockquote class="c-syn-text">{g.text}</blockquote>}
              <PointsTable label={g.title} points={g.points} />
            </section>
          ))}
          <StatementsPart synopsis={synopsis} />
        </>
      )}
    </div>
  );
}

function PointsTable({ label, points }: { label: string; points: SynopsisPoint[] }) {
  return (
    <div class="table-wrap" role="region" aria-label={`${t('cPoints')}: ${label}`} tabIndex={0}>
      <table class="c-table c-syn-table">
        <thead>
          <tr>
            <th scope="col">{t('cOrganisation')}</th>
            <th scope="col">{t('cPosition')}</th>
            <th scope="col">{t('cPointText')}</th>
            <th scope="col">{t('cProposal')}</th>
            <th scope="col">{t('cAssessment')}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.organisation.name}</th>
              <td>{t(`cPos_${p.position}`)}</td>
              <td class="c-pre">
                {p.quote && <q>{p.quote}</q>} {p.text}
              </td>
              <td class="c-pre">{p.proposedWording ?? '—'}</td>
              <td>
                {p.assessment ? t(`cAss_${p.assessment}`) : t('cAssessmentNone')}
                {p.assessmentReason && <p class="c-pre muted">{p.assessmentReason}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The general parts, the Fehlanzeigen and the answers to the questions. */
function StatementsPart({ synopsis }: { synopsis: SynopsisData }) {
  const generals = synopsis.statements.filter((s) => s.status === 'nil_return' || s.general.trim());
  return (
    <>
      {generals.length > 0 && (
        <section class="c-syn-group" aria-labelledby="syn-generals">
          <h3 id="syn-generals">{t('cGeneralParts')}</h3>
          <dl class="c-answers-view">
            {generals.map((s) => (
              <div key={s.statementId}>
                <dt>{s.organisation.name}</dt>
                <dd class="c-pre">{s.status === 'nil_return' ? t('cStatus_nil_return') : s.general}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {synopsis.questions.map((q) => (
        <section key={q.id} class="c-syn-group" aria-labelledby={`syn-q-${q.id}`}>
          <h3 id={`syn-q-${q.id}`}>{q.text}</h3>
          {q.answers.length ? (
            <dl class="c-answers-view">
              {q.answers.map((a) => (
                <div key={a.organisation.id}>
                  <dt>{a.organisation.name}</dt>
                  <dd>{a.text}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p class="muted">{t('cNoAnswers')}</p>
          )}
        </section>
      ))}
    </>
  );
}

/**
 * The same view made in the browser from the released statements and the draft's blocks, for a server without
 * the synopsis route (it answers 404 there).
 */
async function fallback(
  round: Consultation,
  f: { org: string; position: string; assessment: string },
): Promise<SynopsisData> {
  const [statements, blocks] = await Promise.all([
    api<{ items: Statement[] }>('GET', `/consultations/${round.id}/statements`).then((r) => r.items),
    round.draftId
      ? optional(api<{ items: DraftBlock[] }>('GET', `/consultations/${round.id}/blocks`)).then(
          (r) => r?.items ?? [],
        )
      : Promise.resolve([] as DraftBlock[]),
  ]);
  const names = new Map(round.addressees.map((a) => [a.organisationId, a.name]));
  const answered = statements.filter(
    (s) => s.status !== 'drafting' && (!f.org || s.organisationId === f.org),
  );
  const points: SynopsisPoint[] = answered.flatMap((s) =>
    s.comments
      .filter(
        (c) =>
          (!f.position || c.position === f.position) &&
          (!f.assessment || (f.assessment === 'none' ? !c.assessment : c.assessment === f.assessment)),
      )
      .map((c) => ({
        id: c.id,
        organisation: { id: s.organisationId, name: names.get(s.organisationId) ?? '' },
        randnummer: c.anchor && 'randnummer' in c.anchor ? c.anchor.randnummer : null,
        quote: null,
        position: c.position,
        text: c.text,
        proposedWording: c.proposedWording,
        assessment: c.assessment,
        assessmentReason: c.assessmentReason,
      })),
  );
  const known = new Set(blocks.map((b) => b.rn).filter(Boolean));
  return {
    blocks: blocks.map((b) => ({
      randnummer: b.rn,
      blockId: b.id,
      type: b.type,
      text: b.text,
      points: b.rn ? points.filter((p) => p.randnummer === b.rn) : [],
    })),
    unplaced: points
      .filter((p) => p.randnummer && !known.has(p.randnummer))
      .sort((a, b) => compareRn(a.randnummer!, b.randnummer!)),
    general: points.filter((p) => !p.randnummer),
    statements: answered.map((s) => ({
      statementId: s.id,
      organisation: { id: s.organisationId, name: names.get(s.organisationId) ?? '' },
      status: s.status as 'released' | 'nil_return',
      general: s.general,
      late: s.late,
    })),
    questions: round.questions.map((q) => ({
      id: q.id,
      text: q.text,
      answers: answered.flatMap((s) => {
        const a = s.answers.find((x) => x.questionId === q.id);
        return a
          ? [
              {
                organisation: { id: s.organisationId, name: names.get(s.organisationId) ?? '' },
                text: answerText(a.value),
              },
            ]
          : [];
      }),
    })),
    addressees: [],
  };
}
