import { useState } from 'preact/hooks';
import { FormError, useAction, useId } from '../../components/common';
import { api } from '../../lib/api';
import { formatTime, t } from '../../lib/i18n';
import type { Group } from '../../lib/types';
import { fieldLabel, parseScope, type Signal } from './model';

export interface Names {
  /** District names by Kreisschlüssel, organisation names by id. */
  districts: Map<string, string>;
  organisations: Map<string, string>;
}

export function scopeText(scope: string, names: Names): string {
  const { kind, value } = parseScope(scope);
  if (kind === 'regierungsbezirk') return t('nRbName', { name: value });
  if (kind === 'district') return names.districts.get(value) ?? value;
  if (kind === 'organisation') return names.organisations.get(value) ?? t('nScopeOrganisation');
  if (kind === 'land') return t('nLand');
  return scope;
}

/**
 * The early signals, newest first: what the rule found, where, when, and what was done about it. Anyone who leads
 * or moderates a group turns a signal into a topic of it (its reports linked); the ministry dismisses one or
 * notes what it did.
 */
export function SignalList(props: {
  signals: Signal[];
  names: Names;
  groups: Group[];
  ministry: boolean;
  onChange: (signal: Signal) => void;
}) {
  if (!props.signals.length) return <p class="muted">{t('nNoSignals')}</p>;
  return (
    <ul class="n-signals">
      {props.signals.map((s) => (
        <SignalItem key={s.id} signal={s} {...props} />
      ))}
    </ul>
  );
}

function SignalItem(props: {
  signal: Signal;
  names: Names;
  groups: Group[];
  ministry: boolean;
  onChange: (signal: Signal) => void;
}) {
  const { signal: s } = props;
  const id = useId('signal');
  const [groupId, setGroupId] = useState(props.groups[0]?.id ?? '');
  const [note, setNote] = useState(s.note ?? '');
  const toTopic = useAction(async () => {
    const topic = await api<{ id: string }>('POST', `/needs/signals/${s.id}/topic`, { groupId });
    props.onChange({ ...s, status: 'topic', topicId: topic.id });
  });
  const update = useAction(async (body: { status?: 'open' | 'dismissed'; note?: string }) => {
    props.onChange(await api<Signal>('PATCH', `/needs/signals/${s.id}`, body));
  });
  return (
    <li class={`n-signal n-signal-${s.status}`} data-signal={s.id} aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{s.summary}</h3>
      <dl class="n-facts">
        <div>
          <dt>{t('nRule')}</dt>
          <dd>{t(`nRule_${s.rule}` as 'nRule_rising_cluster')}</dd>
        </div>
        <div>
          <dt>{t('nField')}</dt>
          <dd>{fieldLabel(s.field)}</dd>
        </div>
        <div>
          <dt>{t('nScope')}</dt>
          <dd>{scopeText(s.scope, props.names)}</dd>
        </div>
        <div>
          <dt>{t('nRaisedAt')}</dt>
          <dd>{formatTime(s.createdAt)}</dd>
        </div>
        <div>
          <dt>{t('nSignalStatus')}</dt>
          <dd>
            <span class={`n-badge n-status-${s.status}`}>{t(`nSignal_${s.status}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('nReportsCount')}</dt>
          <dd>{s.reportIds.length}</dd>
        </div>
      </dl>
      {s.note && !props.ministry && <p class="n-note">{t('nNoteShown', { note: s.note })}</p>}
      {s.topicId ? (
        <p>
          <a href={`#/topics/${s.topicId}`}>{t('nOpenTopic')}</a>
        </p>
      ) : (
        s.status !== 'dismissed' &&
        (props.groups.length ? (
          <form
            class="row wrap n-topic-form"
            onSubmit={(e) => {
              e.preventDefault();
              void toTopic.run();
            }}
          >
            <label for={`${id}-group`}>{t('nTopicGroup')}</label>
            <select
              id={`${id}-group`}
              value={groupId}
              onChange={(e) => setGroupId((e.target as HTMLSelectElement).value)}
            >
              {props.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
            <button type="submit" class="primary" disabled={toTopic.busy || !groupId}>
              {t('nMakeTopic')}
            </button>
          </form>
        ) : (
          <p class="hint">{t('nNoGroupForTopic')}</p>
        ))
      )}
      <FormError error={toTopic.error} />
      {props.ministry && (
        <div class="n-signal-ministry">
          {s.status !== 'topic' && (
            <button
              type="button"
              onClick={() => void update.run({ status: s.status === 'dismissed' ? 'open' : 'dismissed' })}
              disabled={update.busy}
            >
              {s.status === 'dismissed' ? t('nReopen') : t('nDismiss')}
            </button>
          )}
          <form
            class="n-note-form"
            onSubmit={(e) => {
              e.preventDefault();
              void update.run({ note });
            }}
          >
            <label for={`${id}-note`}>{t('nNote')}</label>
            <textarea
              id={`${id}-note`}
              rows={2}
              maxLength={5000}
              value={note}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
            <button type="submit" disabled={update.busy || note === (s.note ?? '')}>
              {t('nSaveNote')}
            </button>
          </form>
          <FormError error={update.error} />
        </div>
      )}
    </li>
  );
}
