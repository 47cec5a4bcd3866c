import { t } from '../../lib/i18n';
import type { DraftBlock } from './model';

/** The consulted draft as its numbered blocks: each paragraph with its Randnummer, headings without one. */
export function DraftBlocks({ blocks }: { blocks: DraftBlock[] }) {
  if (!blocks.length) return <p class="muted">{t('cDraftEmpty')}</p>;
  return (
    <ol class="c-blocks">
      {blocks.map((b, i) => (
        <li key={b.id ?? i} id={b.rn ? `rn-${b.rn}` : undefined} class={`c-block c-block-${b.type}`}>
          {b.rn ? (
            <span class="c-rn">{t('cRn', { rn: b.rn })}</span>
          ) : (
            <span class="c-rn" aria-hidden="true" />
          )}
          {b.type === 'heading' ? <strong>{b.text}</strong> : <span>{b.text}</span>}
        </li>
      ))}
    </ol>
  );
}

/** "Rn. 3 — Die Integrationsbeauftragten …" for a select's option. */
export function blockOption(b: DraftBlock): string {
  const text = b.text.length > 60 ? `${b.text.slice(0, 59)}…` : b.text;
  return `${t('cRn', { rn: b.rn ?? '' })} — ${text}`;
}
