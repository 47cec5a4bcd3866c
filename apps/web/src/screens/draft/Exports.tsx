import { FormError, Section, useAction } from '../../components/common';
import { apiBlob, downloadBlob } from '../../lib/api';
import { locale, t, type MessageKey } from '../../lib/i18n';

type Format = 'markdown' | 'html' | 'docx' | 'odt' | 'pdf';

const AS_TEXT: Array<[Format, MessageKey]> = [
  ['markdown', 'exportMarkdown'],
  ['html', 'exportHtml'],
];
const AS_DOCUMENT: Array<[Format, MessageKey]> = [
  ['docx', 'exportDocx'],
  ['odt', 'exportOdt'],
  ['pdf', 'exportPdf'],
];
const EXTENSION: Record<Format, string> = {
  markdown: 'md',
  html: 'html',
  docx: 'docx',
  odt: 'odt',
  pdf: 'pdf',
};

/**
 * Downloads of the draft, in the language of the page: its text as written (Markdown, HTML), or a document with
 * Randnummern (DOCX; ODT and PDF take the server a few seconds, said while it works). Through the api, so the
 * token never goes into a link.
 */
export function Exports({ draftId }: { draftId: string }) {
  const run = useAction(async (format: Format) => {
    const { blob, filename } = await apiBlob(`/drafts/${draftId}/export?format=${format}&lang=${locale()}`);
    downloadBlob(blob, filename ?? `entwurf.${EXTENSION[format]}`);
  });
  const buttons = (formats: Array<[Format, MessageKey]>) => (
    <div class="row wrap">
      {formats.map(([format, label]) => (
        <button key={format} type="button" disabled={run.busy} onClick={() => void run.run(format)}>
          {t(label)}
        </button>
      ))}
    </div>
  );
  return (
    <Section title={t('export')}>
      <div class="stack">
        <p class="hint">{t('exportAsText')}</p>
        {buttons(AS_TEXT)}
        <p class="hint">{t('exportAsDocument')}</p>
        {buttons(AS_DOCUMENT)}
        <p class="muted" role="status">
          {run.busy ? t('exportPreparing') : ''}
        </p>
        <FormError error={run.error} />
      </div>
    </Section>
  );
}
