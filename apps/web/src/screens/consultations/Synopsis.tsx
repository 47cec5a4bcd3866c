import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, useAction, useAsync } from '../../components/common';
import { api, apiBlob, downloadBlob, optional } from '../../lib/api';
import { t } from '../../lib/i18n';
import {
  ASSESSMENTS,
  compareRn,
  POSITIONS,
  type CommentAssessment,
  type CommentPosition,
  type Consultation,
  type DraftBlock,
  type Statement,
} from './model';

interface Row {
  commentId: string;
  organisationId: string;
  organisation: string;
  rn: string | null;
  position: CommentPosition;
  text: string;
  proposedWording: string | null;
  assessment: CommentAssessment | null;
  reason: string | null;
}

const FORMATS = ['docx', 'odt', 'pdf', 'csv'] as const;

/**
 * The Synopse: the draft's text by Randnummer, each organisation's points on it beside the assessment and its
 * reason; points without a Randnummer first. Filters by organisation, position and assessment; the same filters
 * go to the documents (DOCX, ODT, PDF, CSV) the api builds.
 */
export function Synopsis({ round }: { round: Consultation }) {
  const data = useAsync(async () => {
    const [statements, blocks] = await Promise.all([
      api<{ items: Statement[] }>('GET', `/consultations/${round.id}/statements`).then((r) => r.items),
      round.draftId
        ? optional(api<{ items: DraftBlock[] }>('GET', `/drafts/${round.draftId}/blocks`)).then(
            (r) => r?.items ?? [],
          )
        : Promise.resolve([] as DraftBlock[]),
    ]);
    return { statements, blocks };
  }, [round.id]);
  const [org, setOrg] = useState('');
  const [position, setPosition] = useState('');
  const [assessment, setAssessment] = useState('');
  const download = useAction(async (format: (typeof FORMATS)[number]) => {
    const q = new URLSearchParams({ format });
    if (org) q.set('organisationId', org);
    if (position) q.set('position', position);
    if (assessment) q.set('assessment', assessment);
    const { blob, filename } = await apiBlob(`/consultations/${round.id}/synopsis?${q}`);
    downloadBlob(blob, filename ?? `synopse.${format}`);
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const names = new Map(round.addressees.map((a) => [a.organisationId, a.name]));
  const rows: Row[] = data.data.statements
    .filter((s) => s.status === 'released')
    .flatMap((s) =>
      s.comments.map((c) => ({
        commentId: c.id,
        organisationId: s.organisationId,
        organisation: names.get(s.organisationId) ?? s.organisationId,
        rn: c.anchor && 'randnummer' in c.anchor ? c.anchor.randnummer : null,
        position: c.position,
        text: c.text,
        proposedWording: c.proposedWording,
        assessment: c.assessment,
        reason: c.assessmentReason,
      })),
    );
  const shown = rows.filter(
    (r) =>
      (!org || r.organisationId === org) &&
      (!position || r.position === position) &&
      (!assessment || (assessment === 'none' ? !r.assessment : r.assessment === assessment)),
  );
  const blockText = new Map(data.data.blocks.filter((b) => b.rn).map((b) => [b.rn!, b.text]));
  const order = new Map(data.data.blocks.filter((b) => b.rn).map((b, i) => [b.rn!, i]));
  const keys = [...new Set(shown.map((r) => r.rn))].sort((a, b) => {
    if (a === null || b === null) return a === null ? -1 : 1;
    const oa = order.get(a);
    const ob = order.get(b);
    return oa !== undefined && ob !== undefined ? oa - ob : compareRn(a, b);
  });
  const orgs = [...new Set(rows.map((r) => r.organisationId))];

  return (
    <div class="c-synopsis">
      <h2>{t('cTabSynopsis')}</h2>
      <form class="c-filters row wrap" onSubmit={(e) => e.preventDefault()} aria-label={t('cFilters')}>
        <div class="field">
          <label for="syn-org">{t('cOrganisation')}</label>
          <select id="syn-org" value={org} onChange={(e) => setOrg((e.target as HTMLSelectElement).value)}>
            <option value="">{t('cAll')}</option>
            {orgs.map((o) => (
              <option key={o} value={o}>
                {names.get(o) ?? o}
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
      <p aria-live="polite">{t('cSynopsisCount', { count: shown.length, total: rows.length })}</p>
      {keys.map((rn) => {
        const group = shown.filter((r) => r.rn === rn);
        const title = rn === null ? t('cNoAnchor') : t('cRn', { rn });
        return (
          <section key={rn ?? 'none'} class="c-syn-group" aria-labelledby={`syn-${rn ?? 'none'}`}>
            <h3 id={`syn-${rn ?? 'none'}`}>{title}</h3>
            {rn !== null && blockText.has(rn) && (
              <blockquote class="c-syn-text">{blockText.get(rn)}</blockquote>
            )}
            <div class="table-wrap" role="region" aria-labelledby={`syn-${rn ?? 'none'}`} tabIndex={0}>
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
                  {group.map((r) => (
                    <tr key={r.commentId}>
                      <th scope="row">{r.organisation}</th>
                      <td>{t(`cPos_${r.position}`)}</td>
                      <td class="c-pre">{r.text}</td>
                      <td class="c-pre">{r.proposedWording ?? '—'}</td>
                      <td>
                        {r.assessment ? t(`cAss_${r.assessment}`) : t('cAssessmentNone')}
                        {r.reason && <p class="c-pre muted">{r.reason}</p>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
