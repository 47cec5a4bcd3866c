import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
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
import './synopsis.css';

const FORMATS = ['docx', 'odt', 'pdf', 'csv'] as const;

/**
 * A round to 1,100 organisations has some 22,000 points, hundreds on one Randnummer; drawn at once they freeze
 * the tab. Each list (a block's points, the general parts, a question's answers) shows its first PAGE items and
 * offers the rest a page (or all) at a time; the blocks themselves are drawn FIRST_GROUPS at first and
 * MORE_GROUPS per turn of the event loop after that, so the top of the Synopse is there at once. The counts
 * always say the whole number.
 */
const PAGE = 25;
const FIRST_GROUPS = 12;
const MORE_GROUPS = 12;

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
  const drawn = useProgressive(groups.length);
  const orgs = round.addressees;
  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;

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
          {groups.slice(0, drawn).map((g) => (
            <section key={g.key} class="c-syn-group" aria-labelledby={`syn-${g.key}`}>
              <h3 id={`syn-${g.key}`}>{g.title}</h3>
              {g.text && <blockquote class="c-syn-text">{g.text}</blockquote>}
              <Paged items={g.points} kind="points" id={`syn-${g.key}-page`} labelledBy={`syn-${g.key}`}>
                {(points) => <PointsTable label={g.title} points={points} />}
              </Paged>
            </section>
          ))}
          {drawn < groups.length ? <Loading /> : <StatementsPart synopsis={synopsis} />}
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
              <th scope="row" tabIndex={-1} data-page-item>
                {p.organisation.name}
              </th>
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

/**
 * How many groups (blocks) of the Synopse are drawn: FIRST_GROUPS at once, MORE_GROUPS more per turn of the
 * event loop (the browser paints and takes input between them) until all are there. It only grows: a filter
 * changes what the drawn groups hold, and once everything is drawn it stays drawn.
 */
function useProgressive(total: number): number {
  const [count, setCount] = useState(FIRST_GROUPS);
  useEffect(() => {
    if (count >= total) return;
    const timer = setTimeout(() => setCount((c) => c + MORE_GROUPS), 0);
    return () => clearTimeout(timer);
  }, [count, total]);
  return Math.min(count, total);
}

/**
 * A long list a page at a time: the first PAGE items, then "Weitere 25 … anzeigen" and "Alle … anzeigen" (real
 * buttons, described by the list's heading and how many are visible). A click moves the focus to the first item
 * it revealed (each item marks itself with data-page-item and tabIndex -1) and a status region says how many are
 * visible now. Another selection by the filters starts each list at its first page again.
 */
function Paged<T>({
  items,
  kind,
  id,
  labelledBy,
  children,
}: {
  items: T[];
  kind: 'points' | 'statements' | 'answers';
  /** Prefix of the ids of the list's own elements. */
  id: string;
  /** The id of the list's heading. */
  labelledBy: string;
  children: (shown: T[]) => ComponentChildren;
}) {
  // A new list (another selection by the filters) starts again at its first page, with nothing announced.
  const [state, setState] = useState({ of: items, limit: PAGE, announced: '' });
  const { limit, announced } = state.of === items ? state : { limit: PAGE, announced: '' };
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const total = items.length;
  const shown = Math.min(limit, total);
  const rest = total - shown;
  useEffect(() => {
    if (focusFrom === null) return;
    box.current?.querySelectorAll<HTMLElement>('[data-page-item]')[focusFrom]?.focus();
    setFocusFrom(null);
  }, [focusFrom]);
  const show = (next: number) => {
    const to = Math.min(next, total);
    setState({ of: items, limit: to, announced: t(`cPageShown_${kind}`, { shown: to, count: total }) });
    setFocusFrom(shown);
  };
  return (
    <div ref={box} class="c-paged">
      {children(shown < total ? items.slice(0, shown) : items)}
      {rest > 0 && (
        <div class="c-page-more row wrap">
          <p id={`${id}-shown`}>{t(`cPageShown_${kind}`, { shown, count: total })}</p>
          <button
            type="button"
            aria-describedby={`${labelledBy} ${id}-shown`}
            onClick={() => show(shown + PAGE)}
          >
            {t(`cPageMore_${kind}`, { count: Math.min(PAGE, rest) })}
          </button>
          {rest > PAGE && (
            <button type="button" aria-describedby={`${labelledBy} ${id}-shown`} onClick={() => show(total)}>
              {t(`cPageAll_${kind}`, { count: total })}
            </button>
          )}
        </div>
      )}
      <p role="status" class="visually-hidden">
        {announced}
      </p>
    </div>
  );
}

/** The general parts, the Fehlanzeigen and the answers to the questions. */
function StatementsPart({ synopsis }: { synopsis: SynopsisData }) {
  const generals = useMemo(
    () => synopsis.statements.filter((s) => s.status === 'nil_return' || s.general.trim()),
    [synopsis],
  );
  return (
    <>
      {generals.length > 0 && (
        <section class="c-syn-group" aria-labelledby="syn-generals">
          <h3 id="syn-generals">{t('cGeneralParts')}</h3>
          <Paged items={generals} kind="statements" id="syn-generals-page" labelledBy="syn-generals">
            {(shown) => (
              <dl class="c-answers-view">
                {shown.map((s) => (
                  <div key={s.statementId}>
                    <dt tabIndex={-1} data-page-item>
                      {s.organisation.name}
                    </dt>
                    <dd class="c-pre">{s.status === 'nil_return' ? t('cStatus_nil_return') : s.general}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Paged>
        </section>
      )}
      {synopsis.questions.map((q) => (
        <section key={q.id} class="c-syn-group" aria-labelledby={`syn-q-${q.id}`}>
          <h3 id={`syn-q-${q.id}`}>{q.text}</h3>
          {q.answers.length ? (
            <Paged items={q.answers} kind="answers" id={`syn-q-${q.id}-page`} labelledBy={`syn-q-${q.id}`}>
              {(shown) => (
                <dl class="c-answers-view">
                  {shown.map((a) => (
                    <div key={a.organisation.id}>
                      <dt tabIndex={-1} data-page-item>
                        {a.organisation.name}
                      </dt>
                      <dd>{a.text}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </Paged>
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
