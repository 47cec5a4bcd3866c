import { FormError, Section, useAction } from '../../components/common';
import { apiBlob, downloadBlob } from '../../lib/api';
import { locale, t } from '../../lib/i18n';

export function Exports({ draftId }: { draftId: string }) {
  const run = useAction(async (format: 'markdown' | 'html') => {
    const { blob, filename } = await apiBlob(`/drafts/${draftId}/export?format=${format}&lang=${locale()}`);
    downloadBlob(blob, filename ?? `entwurf.${format === 'html' ? 'html' : 'md'}`);
  });
  return (
    <Section title={t('export')}>
      <div class="row">
        <button type="button" disabled={run.busy} onClick={() => void run.run('markdown')}>
          {t('exportMarkdown')}
        </button>
        <button type="button" disabled={run.busy} onClick={() => void run.run('html')}>
          {t('exportHtml')}
        </button>
      </div>
      <FormError error={run.error} />
    </Section>
  );
}
