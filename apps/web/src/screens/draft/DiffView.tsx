import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useId } from '../../components/common';
import { t } from '../../lib/i18n';
import '../../styles/diff.css';
import { AlignedParagraph, DiffPart, diffItems, paragraphTag, RevisionDiff } from './diff-model';

/**
 * Two revisions compared in one column, as a word processor's comparison reads: each paragraph once, inserted
 * words underlined (<ins>) and deleted ones struck through (<del>) where they were, each mark also named for
 * screen readers, and every paragraph that is not unchanged labelled in words with the Randnummer of its block
 * ("Rn. 14: geändert", "Rn. 3a: neu"). "Changes only" folds each run of unchanged paragraphs into one line that
 * counts them.
 */
export function DiffView(props: {
  diff: RevisionDiff;
  changesOnly: boolean;
  onChangesOnly: (on: boolean) => void;
  onClose: () => void;
}) {
  const { diff } = props;
  const titleId = useId('diff');
  const title = useRef<HTMLHeadingElement>(null);
  // A new comparison takes the reader there (it opens below the list of revisions).
  useEffect(() => title.current?.focus(), [diff]);
  const items = useMemo(() => diffItems(diff.paragraphs, props.changesOnly), [diff, props.changesOnly]);
  const from = `#${diff.from.number} ${diff.from.label}`;
  const to = diff.to ? `#${diff.to.number} ${diff.to.label}` : t('currentText');
  const { unchanged, ...changes } = diff.summary;
  const identical = changes.changed + changes.inserted + changes.deleted === 0;
  return (
    <section class="diff" aria-labelledby={titleId}>
      <div class="row wrap diff-head">
        <h3 id={titleId} ref={title} tabIndex={-1}>
          {t('diffTitle', { from, to })}
        </h3>
        <button type="button" onClick={props.onClose}>
          {t('close')}
        </button>
      </div>
      <p class="diff-summary">
        {identical ? t('diffNoChanges') : t('diffSummary', { unchanged, ...changes })}
      </p>
      <div class="row wrap diff-tools">
        <label class="checkbox">
          <input
            type="checkbox"
            checked={props.changesOnly}
            onChange={(e) => props.onChangesOnly((e.target as HTMLInputElement).checked)}
          />
          {t('diffChangesOnly')}
        </label>
        <p class="diff-legend muted">
          {t('diffLegend')} <ins>{t('diffLegendInserted')}</ins> <del>{t('diffLegendDeleted')}</del>
        </p>
      </div>
      <div class="diff-doc">
        {items.map((item, i) =>
          item.kind === 'skipped' ? (
            <p key={`s${i}`} class="diff-skipped">
              {t('diffSkipped', { count: item.count })}
            </p>
          ) : (
            <Paragraph key={`p${i}`} paragraph={item.paragraph} />
          ),
        )}
      </div>
    </section>
  );
}

function Paragraph({ paragraph: p }: { paragraph: AlignedParagraph }) {
  if (p.op === 'equal')
    return (
      <div class="diff-para diff-equal">
        <p class="diff-text">{p.text}</p>
      </div>
    );
  // A paragraph deleted or inserted whole is one mark; a changed one marks its words.
  const parts = p.parts ?? [{ op: p.op === 'delete' ? 'delete' : 'insert', text: p.text }];
  const { key, vars } = paragraphTag(p);
  const tag = t(key, vars);
  return (
    <div class={`diff-para diff-${p.op}`}>
      <span class="diff-tag">{tag}</span>
      <p class="diff-text">
        {parts.map((part, i) => (
          <Part key={i} part={part} />
        ))}
      </p>
    </div>
  );
}

function Part({ part }: { part: DiffPart }) {
  if (part.op === 'equal') return <>{part.text}</>;
  const Mark = part.op === 'insert' ? 'ins' : 'del';
  return (
    <Mark>
      <span class="visually-hidden">
        {t(part.op === 'insert' ? 'diffInsertedStart' : 'diffDeletedStart')}
      </span>
      {part.text}
      <span class="visually-hidden">{t('diffMarkEnd')}</span>
    </Mark>
  );
}
