import { t } from '../../lib/i18n';
import { blockOption } from './DraftBlocks';
import { POSITIONS, type DraftBlock, type Question, type Statement } from './model';
import { newKey, type AnswerValue, type LocalPoint, type LocalStatement } from './statement-draft';

/**
 * The statement's form: the general part, the points (each anchored to a Randnummer picked from the draft's
 * blocks, with a position and an optional Formulierungsvorschlag), and the answers to the round's questions.
 */
export function StatementEditor(props: {
  value: LocalStatement;
  onChange: (next: LocalStatement) => void;
  blocks: DraftBlock[];
  questions: Question[];
  disabled?: boolean;
}) {
  const { value, onChange, blocks, questions, disabled } = props;
  const numbered = blocks.filter((b) => b.rn);
  const setPoint = (key: string, patch: Partial<LocalPoint>) =>
    onChange({ ...value, points: value.points.map((p) => (p.key === key ? { ...p, ...patch } : p)) });
  const setAnswer = (id: string, v: AnswerValue | undefined) => {
    const answers = { ...value.answers };
    if (v === undefined) delete answers[id];
    else answers[id] = v;
    onChange({ ...value, answers });
  };
  return (
    <div class="c-editor stack">
      <div class="field">
        <label for="c-general">{t('cGeneral')}</label>
        <textarea
          id="c-general"
          rows={5}
          value={value.general}
          disabled={disabled}
          maxLength={100_000}
          onInput={(e) => onChange({ ...value, general: (e.target as HTMLTextAreaElement).value })}
        />
      </div>
      <h3>{t('cPoints')}</h3>
      {value.points.length === 0 && <p class="muted">{t('cPointsEmpty')}</p>}
      <ol class="c-points">
        {value.points.map((p, i) => (
          <li key={p.key} class="c-point">
            <fieldset disabled={disabled}>
              <legend>{t('cPointN', { n: i + 1 })}</legend>
              <div class="c-point-row">
                <div class="field">
                  <label for={`${p.key}-rn`}>{t('cAnchor')}</label>
                  {numbered.length ? (
                    <select
                      id={`${p.key}-rn`}
                      value={p.randnummer}
                      onChange={(e) => setPoint(p.key, { randnummer: (e.target as HTMLSelectElement).value })}
                    >
                      <option value="">{t('cNoAnchor')}</option>
                      {numbered.map((b) => (
                        <option key={b.rn} value={b.rn!}>
                          {blockOption(b)}
                        </option>
                      ))}
                      {p.randnummer && !numbered.some((b) => b.rn === p.randnummer) && (
                        <option value={p.randnummer}>{t('cRn', { rn: p.randnummer })}</option>
                      )}
                    </select>
                  ) : (
                    <input
                      id={`${p.key}-rn`}
                      value={p.randnummer}
                      pattern="\d{1,5}[a-z]{0,3}"
                      inputMode="text"
                      onInput={(e) => setPoint(p.key, { randnummer: (e.target as HTMLInputElement).value })}
                    />
                  )}
                </div>
                <div class="field">
                  <label for={`${p.key}-pos`}>{t('cPosition')}</label>
                  <select
                    id={`${p.key}-pos`}
                    value={p.position}
                    onChange={(e) =>
                      setPoint(p.key, {
                        position: (e.target as HTMLSelectElement).value as LocalPoint['position'],
                      })
                    }
                  >
                    {POSITIONS.map((pos) => (
                      <option key={pos} value={pos}>
                        {t(`cPos_${pos}`)}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
              <div class="field">
                <label for={`${p.key}-text`}>{t('cPointText')}</label>
                <textarea
                  id={`${p.key}-text`}
                  rows={3}
                  value={p.text}
                  maxLength={20_000}
                  aria-describedby={p.text.trim() ? undefined : `${p.key}-text-hint`}
                  onInput={(e) => setPoint(p.key, { text: (e.target as HTMLTextAreaElement).value })}
                />
                {!p.text.trim() && (
                  <p class="hint" id={`${p.key}-text-hint`}>
                    {t('cPointTextHint')}
                  </p>
                )}
              </div>
              <div class="field">
                <label for={`${p.key}-proposal`}>{t('cProposal')}</label>
                <textarea
                  id={`${p.key}-proposal`}
                  rows={2}
                  value={p.proposedWording}
                  maxLength={20_000}
                  onInput={(e) =>
                    setPoint(p.key, { proposedWording: (e.target as HTMLTextAreaElement).value })
                  }
                />
              </div>
              <button
                type="button"
                class="link-button danger"
                onClick={() => onChange({ ...value, points: value.points.filter((x) => x.key !== p.key) })}
              >
                {t('cPointRemove', { n: i + 1 })}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      {!disabled && (
        <button
          type="button"
          onClick={() =>
            onChange({
              ...value,
              points: [
                ...value.points,
                { key: newKey(), randnummer: '', position: 'change', text: '', proposedWording: '' },
              ],
            })
          }
        >
          {t('cPointAdd')}
        </button>
      )}
      {questions.length > 0 && (
        <>
          <h3>{t('cAnswers')}</h3>
          <ol class="c-answers">
            {questions.map((q) => (
              <li key={q.id}>
                <AnswerField
                  question={q}
                  value={value.answers[q.id]}
                  onValue={(v) => setAnswer(q.id, v)}
                  disabled={disabled}
                />
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function AnswerField(props: {
  question: Question;
  value: AnswerValue | undefined;
  onValue: (v: AnswerValue | undefined) => void;
  disabled?: boolean;
}) {
  const { question: q, value, onValue, disabled } = props;
  const id = `answer-${q.id}`;
  if (q.type === 'yesno') {
    return (
      <fieldset disabled={disabled}>
        <legend>{q.text}</legend>
        {([true, false] as const).map((v) => (
          <label class="radio" key={String(v)}>
            <input type="radio" name={id} checked={value === v} onChange={() => onValue(v)} />{' '}
            {v ? t('cYes') : t('cNo')}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div class="field">
      <label for={id}>{q.text}</label>
      {q.type === 'text' && (
        <textarea
          id={id}
          rows={3}
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onInput={(e) => onValue((e.target as HTMLTextAreaElement).value || undefined)}
        />
      )}
      {q.type === 'number' && (
        <input
          id={id}
          type="number"
          step="any"
          disabled={disabled}
          value={typeof value === 'number' ? String(value) : ''}
          onInput={(e) => {
            const raw = (e.target as HTMLInputElement).value;
            onValue(raw === '' ? undefined : Number(raw));
          }}
        />
      )}
      {q.type === 'choice' && (
        <select
          id={id}
          disabled={disabled}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onValue((e.target as HTMLSelectElement).value || undefined)}
        >
          <option value="">{t('cNoAnswer')}</option>
          {(q.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** A released statement as it was sent: general part, points, answers. */
export function StatementView({ statement, questions }: { statement: Statement; questions: Question[] }) {
  const answers = new Map(statement.answers.map((a) => [a.questionId, a.value]));
  return (
    <div class="c-statement-view">
      {statement.general && (
        <>
          <h3>{t('cGeneral')}</h3>
          <p class="c-pre">{statement.general}</p>
        </>
      )}
      {statement.comments.length > 0 && (
        <>
          <h3>{t('cPoints')}</h3>
          <ol class="c-points-view">
            {statement.comments.map((c) => (
              <li key={c.id}>
                <p>
                  <strong>
                    {c.anchor && 'randnummer' in c.anchor
                      ? t('cRn', { rn: c.anchor.randnummer })
                      : t('cNoAnchor')}
                  </strong>{' '}
                  · {t(`cPos_${c.position}`)}
                </p>
                <p class="c-pre">{c.text}</p>
                {c.proposedWording && (
                  <p class="c-pre">
                    <em>{t('cProposal')}:</em> {c.proposedWording}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {questions.length > 0 && (
        <>
          <h3>{t('cAnswers')}</h3>
          <dl class="c-answers-view">
            {questions.map((q) => (
              <div key={q.id}>
                <dt>{q.text}</dt>
                <dd>{answerText(answers.get(q.id))}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}

export function answerText(v: AnswerValue | undefined): string {
  if (v === undefined) return '—';
  if (typeof v === 'boolean') return v ? t('cYes') : t('cNo');
  return String(v);
}
