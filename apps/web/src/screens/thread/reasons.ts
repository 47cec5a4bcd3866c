import { t, type MessageKey } from '../../lib/i18n';
import { HIDE_REASONS } from '../../lib/types';

export function reasonText(code: string | null): string {
  return code && (HIDE_REASONS as readonly string[]).includes(code)
    ? t(`reason_${code}` as MessageKey)
    : t('reason_other');
}
