import { t } from '../lib/i18n';
import type { Organisation } from '../lib/types';
import '../styles/verified.css';

/**
 * The check mark of a confirmed membership: an icon for the eye, "bestätigt" for screen readers (and as the
 * tooltip's start). Every organisation the api shows next to a person is a confirmed one (`verified: true`).
 */
export function VerifiedMark() {
  return (
    <span class="verified-mark" title={t('orgVerifiedTitle')}>
      <svg aria-hidden="true" focusable="false" width="14" height="14" viewBox="0 0 16 16">
        <circle cx="8" cy="8" r="8" fill="currentColor" />
        <path
          d="M4.5 8.2l2.3 2.3 4.7-4.9"
          fill="none"
          stroke="#fff"
          stroke-width="2"
          stroke-linecap="round"
        />
      </svg>
      <span class="visually-hidden"> ({t('orgVerified')})</span>
    </span>
  );
}

/** A person's organisation as shown next to their name: its name and, when confirmed, the mark. */
export function VerifiedOrganisation({
  organisation,
  class: className = 'meta',
}: {
  organisation: Organisation | null | undefined;
  class?: string;
}) {
  if (!organisation) return null;
  return (
    <span class={`org-label ${className}`} data-verified={organisation.verified ? 'true' : undefined}>
      {organisation.name}
      {organisation.verified && <VerifiedMark />}
    </span>
  );
}
