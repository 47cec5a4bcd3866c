import { useMemo } from 'preact/hooks';
import { t } from '../../lib/i18n';
import type { ParagraphDiff } from '../../lib/types';

/** Side by side: deletions left, insertions right, unchanged paragraphs on both sides. */
export function DiffView({ diff, onClose }: { diff: ParagraphDiff; onClose: () => void }) {
  const rows = useMemo(() => {
    const out: Array<{ left: string | null; right: string | null; kind: 'equal' | 'change' }> = [];
    const ops = diff.ops;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      if (op.op === 'equal') out.push({ left: op.text, right: op.text, kind: 'equal' });
      else if (op.op === 'delete' && ops[i + 1]?.op === 'insert') {
        out.push({ left: op.text, right: ops[i + 1].text, kind: 'change' });
        i++;
      } else if (op.op === 'delete') out.push({ left: op.text, right: null, kind: 'change' });
      else out.push({ left: null, right: op.text, kind: 'change' });
    }
    return out;
  }, [diff]);
  const from = `#${diff.from.number} ${diff.from.label}`;
  const to = diff.to ? `#${diff.to.number} ${diff.to.label}` : t('currentText');
  return (
    <div class="diff" role="region" aria-label={t('diffTitle', { from, to })}>
      <div class="row">
        <h3>{t('diffTitle', { from, to })}</h3>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      <div class="table-wrap" tabIndex={0} role="region" aria-label={t('diffTitle', { from, to })}>
        <table class="diff-table">
          <thead>
            <tr>
              <th scope="col">{t('diffBefore')}</th>
              <th scope="col">{t('diffAfter')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i} class={r.kind}>
                <td class={r.kind === 'change' && r.left !== null ? 'del' : ''}>
                  {r.left !== null && (r.kind === 'change' ? <del>{r.left}</del> : r.left)}
                </td>
                <td class={r.kind === 'change' && r.right !== null ? 'ins' : ''}>
                  {r.right !== null && (r.kind === 'change' ? <ins>{r.right}</ins> : r.right)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
