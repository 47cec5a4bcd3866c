import type { ComponentChildren } from 'preact';
import { t } from '../lib/i18n';

export type Visibility = 'group' | 'network';

/** A topic's title, description and visibility: the fields of creating a topic and of editing one. */
export function TopicFields(props: {
  /** Prefix of the fields' ids (two forms on one page must not share them). */
  idPrefix: string;
  title: string;
  onTitle: (value: string) => void;
  description: string;
  onDescription: (value: string) => void;
  visibility: Visibility;
  onVisibility: (value: Visibility) => void;
  /** Shown under the visibility choice. */
  children?: ComponentChildren;
}) {
  const { idPrefix } = props;
  return (
    <>
      <div class="field">
        <label for={`${idPrefix}-title`}>{t('topicTitle')}</label>
        <input
          id={`${idPrefix}-title`}
          required
          maxLength={200}
          value={props.title}
          onInput={(e) => props.onTitle((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field">
        <label for={`${idPrefix}-description`}>{t('description')}</label>
        <textarea
          id={`${idPrefix}-description`}
          rows={2}
          maxLength={2000}
          value={props.description}
          onInput={(e) => props.onDescription((e.target as HTMLTextAreaElement).value)}
        />
      </div>
      <fieldset>
        <legend>{t('visibility')}</legend>
        {(['group', 'network'] as const).map((v) => (
          <label key={v} class="radio">
            <input
              type="radio"
              name={`${idPrefix}-visibility`}
              value={v}
              checked={props.visibility === v}
              onChange={() => props.onVisibility(v)}
            />{' '}
            {t(`visibility_${v}`)}
          </label>
        ))}
        {props.children}
      </fieldset>
    </>
  );
}
