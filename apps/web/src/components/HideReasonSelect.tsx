import { t } from '../lib/i18n';
import { HIDE_REASONS } from '../lib/types';

/** The labelled choice of a hiding reason, as the post's hide form and the moderation queue offer it. */
export function HideReasonSelect(props: {
  id: string;
  value: string;
  onValue: (reasonCode: string) => void;
  autoFocus?: boolean;
}) {
  return (
    <>
      <label for={props.id}>{t('hideReason')}</label>
      <select
        id={props.id}
        autoFocus={props.autoFocus}
        value={props.value}
        onChange={(e) => props.onValue((e.target as HTMLSelectElement).value)}
      >
        {HIDE_REASONS.map((r) => (
          <option key={r} value={r}>
            {t(`reason_${r}`)}
          </option>
        ))}
      </select>
    </>
  );
}
