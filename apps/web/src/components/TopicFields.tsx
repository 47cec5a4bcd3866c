import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { TextField } from './common';

export type Visibility = 'group' | 'network';

/** The state behind TopicFields: a topic's title, description and visibility as typed so far. */
export interface TopicFieldsState {
  title: string;
  setTitle: (value: string) => void;
  description: string;
  setDescription: (value: string) => void;
  visibility: Visibility;
  setVisibility: (value: Visibility) => void;
}

/** The fields' state, starting from a topic (editing) or empty (creating). */
export function useTopicFields(initial?: {
  title: string;
  description?: string | null;
  visibility: Visibility;
}): TopicFieldsState {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [visibility, setVisibility] = useState<Visibility>(initial?.visibility ?? 'group');
  return { title, setTitle, description, setDescription, visibility, setVisibility };
}

/** A topic's title, description and visibility: the fields of creating a topic and of editing one. */
export function TopicFields(props: {
  /** Prefix of the fields' ids (two forms on one page must not share them). */
  idPrefix: string;
  fields: TopicFieldsState;
  /** Shown under the visibility choice. */
  children?: ComponentChildren;
}) {
  const { idPrefix, fields } = props;
  return (
    <>
      <TextField
        id={`${idPrefix}-title`}
        label={t('topicTitle')}
        required
        maxLength={200}
        value={fields.title}
        onValue={fields.setTitle}
      />
      <TextField
        id={`${idPrefix}-description`}
        label={t('description')}
        rows={2}
        maxLength={2000}
        value={fields.description}
        onValue={fields.setDescription}
      />
      <fieldset>
        <legend>{t('visibility')}</legend>
        {/* Each choice says who can read: its label, then one sentence (announced as its description). */}
        {(['group', 'network'] as const).map((v) => (
          <div key={v} class="radio-choice">
            <label class="radio">
              <input
                type="radio"
                name={`${idPrefix}-visibility`}
                value={v}
                checked={fields.visibility === v}
                aria-describedby={`${idPrefix}-visibility-${v}-hint`}
                onChange={() => fields.setVisibility(v)}
              />{' '}
              {t(`visibility_${v}`)}
            </label>
            <p class="hint" id={`${idPrefix}-visibility-${v}-hint`}>
              {t(`visibilityHint_${v}`)}
            </p>
          </div>
        ))}
        {props.children}
      </fieldset>
    </>
  );
}
