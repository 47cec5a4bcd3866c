import { t } from '../../lib/i18n';

export interface QuestionDraft {
  key: string;
  text: string;
  type: 'text' | 'yesno' | 'number' | 'choice';
  /** One option per line (choice only). */
  options: string;
}

const TYPES: QuestionDraft['type'][] = ['text', 'yesno', 'number', 'choice'];
let n = 0;

/** The questions of a round: text, kind of answer (text, ja/nein, Zahl, Auswahl with options, one per line). */
export function QuestionsEditor(props: {
  value: QuestionDraft[];
  onChange: (next: QuestionDraft[]) => void;
}) {
  const { value, onChange } = props;
  const update = (key: string, patch: Partial<QuestionDraft>) =>
    onChange(value.map((q) => (q.key === key ? { ...q, ...patch } : q)));
  return (
    <fieldset class="c-questions">
      <legend>{t('cQuestions')}</legend>
      {value.length === 0 && <p class="muted">{t('cQuestionsEmpty')}</p>}
      <ol class="c-question-list">
        {value.map((q, i) => (
          <li key={q.key} class="c-question-edit">
            <div class="field">
              <label for={`${q.key}-text`}>{t('cQuestionText', { n: i + 1 })}</label>
              <input
                id={`${q.key}-text`}
                value={q.text}
                maxLength={2000}
                required
                onInput={(e) => update(q.key, { text: (e.target as HTMLInputElement).value })}
              />
            </div>
            <div class="field">
              <label for={`${q.key}-type`}>{t('cQuestionType', { n: i + 1 })}</label>
              <select
                id={`${q.key}-type`}
                value={q.type}
                onChange={(e) =>
                  update(q.key, { type: (e.target as HTMLSelectElement).value as QuestionDraft['type'] })
                }
              >
                {TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`cQType_${type}`)}
                  </option>
                ))}
              </select>
            </div>
            {q.type === 'choice' && (
              <div class="field">
                <label for={`${q.key}-options`}>{t('cQuestionOptions', { n: i + 1 })}</label>
                <textarea
                  id={`${q.key}-options`}
                  rows={3}
                  value={q.options}
                  aria-describedby={`${q.key}-options-hint`}
                  onInput={(e) => update(q.key, { options: (e.target as HTMLTextAreaElement).value })}
                />
                <p class="hint" id={`${q.key}-options-hint`}>
                  {t('cQuestionOptionsHint')}
                </p>
              </div>
            )}
            <button
              type="button"
              class="link-button danger"
              onClick={() => onChange(value.filter((x) => x.key !== q.key))}
            >
              {t('cQuestionRemove', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={() => onChange([...value, { key: `q-${++n}`, text: '', type: 'text', options: '' }])}
      >
        {t('cQuestionAdd')}
      </button>
    </fieldset>
  );
}

export function questionsBody(questions: QuestionDraft[]) {
  return questions.map((q) => ({
    text: q.text.trim(),
    type: q.type,
    ...(q.type === 'choice'
      ? {
          options: [
            ...new Set(
              q.options
                .split('\n')
                .map((o) => o.trim())
                .filter(Boolean),
            ),
          ],
        }
      : {}),
  }));
}
