import { useState } from 'preact/hooks';
import { ErrorView, FormError, Loading, TextField, useAction, useAsync } from '../../components/common';
import { all, api } from '../../lib/api';
import { t, useLocale } from '../../lib/i18n';
import { navigate } from '../../lib/router';
import type { Draft, Group, Topic } from '../../lib/types';
import { AddresseePicker, resolveChoice, type AddresseeChoice } from './AddresseePicker';
import { fromLocalInput, toLocalInput, type Consultation, type RegisterEntry } from './model';
import { QuestionsEditor, questionsBody, type QuestionDraft } from './QuestionsEditor';
import './consultations.css';

/** The group's drafts in the state "Anhörung" (the only ones a round can be on). */
async function draftsInConsultation(groupId: string): Promise<Draft[]> {
  const topics = await api<Topic[] | { items: Topic[] }>('GET', `/groups/${groupId}/topics`);
  const list = Array.isArray(topics) ? topics : topics.items;
  const drafts = await Promise.all(list.map((topic) => all<Draft>(`/topics/${topic.id}/drafts`)));
  return drafts.flat().filter((d) => d.status === 'consultation');
}

/**
 * "Neue Anhörung/Abfrage" (owners and moderators): title, kind, the draft, questions, addressees by set and one by
 * one, Frist, reminder days and a cover note. Opens the round and goes to its board.
 */
export function NewConsultationScreen({ groupId }: { groupId: string }) {
  useLocale();
  const data = useAsync(async () => {
    const [group, drafts, register] = await Promise.all([
      api<Group>('GET', `/groups/${groupId}`),
      draftsInConsultation(groupId),
      api<{ items: RegisterEntry[] }>('GET', '/organisations').then((r) => r.items),
    ]);
    return { group, drafts, register };
  }, [groupId]);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<'hearing' | 'survey'>('hearing');
  const [draftId, setDraftId] = useState('');
  const [questions, setQuestions] = useState<QuestionDraft[]>([]);
  const [addressees, setAddressees] = useState<AddresseeChoice>({ sets: [], organisationIds: [] });
  const [deadline, setDeadline] = useState(() => toLocalInput(new Date(Date.now() + 28 * 86_400_000)));
  const [remind, setRemind] = useState('7, 1');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const create = useAction(async () => {
    setProblem(null);
    const at = fromLocalInput(deadline);
    if (!at) return setProblem(t('cDeadlineMissing'));
    if (!draftId && !questions.length) return setProblem(t('cNeedsDraftOrQuestions'));
    if (!resolveChoice(data.data?.register ?? [], addressees).length)
      return setProblem(t('cNeedsAddressees'));
    const days = remind
      .split(/[,;\s]+/)
      .map((d) => Number(d))
      .filter((d) => Number.isInteger(d) && d >= 1 && d <= 60);
    const round = await api<Consultation>('POST', `/groups/${groupId}/consultations`, {
      title: title.trim(),
      kind,
      ...(draftId ? { draftId } : {}),
      questions: questionsBody(questions),
      addressees: {
        ...(addressees.sets.length ? { sets: addressees.sets } : {}),
        ...(addressees.organisationIds.length ? { organisationIds: addressees.organisationIds } : {}),
      },
      deadline: at,
      remindDaysBefore: [...new Set(days)],
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    navigate(`/consultations/${round.id}`);
  });

  if (data.error !== undefined) return <ErrorView error={data.error} onRetry={data.reload} />;
  if (!data.data) return <Loading />;
  const { group, drafts, register } = data.data;
  return (
    <div class="page c-new">
      <nav aria-label={t('breadcrumb')} class="breadcrumb">
        <a href={`#/groups/${groupId}`}>{group.name}</a> ›{' '}
        <a href={`#/groups/${groupId}/consultations`}>{t('cTitleOwners')}</a>
      </nav>
      <h1>{t('cNewTitle')}</h1>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void create.run();
        }}
      >
        <TextField
          id="c-title"
          label={t('cTitle')}
          value={title}
          onValue={setTitle}
          required
          maxLength={200}
        />
        <fieldset class="c-kind">
          <legend>{t('cKind')}</legend>
          {(['hearing', 'survey'] as const).map((k) => (
            <label class="radio" key={k}>
              <input type="radio" name="kind" checked={kind === k} onChange={() => setKind(k)} />{' '}
              {t(`cKind_${k}`)} <span class="muted">— {t(`cKindHint_${k}`)}</span>
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="c-draft">{t('cDraft')}</label>
          <select
            id="c-draft"
            value={draftId}
            aria-describedby="c-draft-hint"
            onChange={(e) => setDraftId((e.target as HTMLSelectElement).value)}
          >
            <option value="">{t('cNoDraft')}</option>
            {drafts.map((d) => (
              <option key={d.id} value={d.id}>
                {d.title}
              </option>
            ))}
          </select>
          <p class="hint" id="c-draft-hint">
            {drafts.length ? t('cDraftHint') : t('cDraftNone')}
          </p>
        </div>
        <QuestionsEditor value={questions} onChange={setQuestions} />
        <AddresseePicker register={register} value={addressees} onChange={setAddressees} />
        <div class="field">
          <label for="c-deadline">{t('cDeadline')}</label>
          <input
            id="c-deadline"
            type="datetime-local"
            required
            value={deadline}
            onInput={(e) => setDeadline((e.target as HTMLInputElement).value)}
          />
        </div>
        <TextField
          id="c-remind"
          label={t('cRemind')}
          hint={t('cRemindHint')}
          value={remind}
          onValue={setRemind}
        />
        <TextField id="c-note" label={t('cNote')} rows={4} value={note} onValue={setNote} maxLength={10000} />
        {problem && (
          <p class="form-error" role="alert">
            {problem}
          </p>
        )}
        <FormError error={create.error} />
        <button type="submit" class="primary" disabled={create.busy}>
          {kind === 'hearing' ? t('cOpenHearing') : t('cOpenSurvey')}
        </button>
      </form>
    </div>
  );
}
