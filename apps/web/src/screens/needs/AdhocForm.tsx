import { useState } from 'preact/hooks';
import { FormError, useAction, useId } from '../../components/common';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { FIELD_KEYS, fieldLabel, type OwnMembership, type Report } from './model';
import { EntryFields } from './EntryFields';
import { emptyEntry, entryBody, type LocalEntry } from './report-draft';

/**
 * "Dringende Meldung (ad hoc)": an urgent need between rounds, released at once by the organisation's admin or
 * deputy (after a confirmation, as every release).
 */
export function AdhocForm(props: { memberships: OwnMembership[] }) {
  const id = useId('adhoc');
  const [orgId, setOrgId] = useState(props.memberships[0]?.organisation.id ?? '');
  const [field, setField] = useState<string>(FIELD_KEYS[0]);
  const urgent = (): LocalEntry => ({ ...emptyEntry(), severity: 5, trend: 'new' });
  const [entry, setEntry] = useState<LocalEntry>(urgent);
  const [asking, setAsking] = useState(false);
  const [sent, setSent] = useState<Report | null>(null);
  const send = useAction(async () => {
    const report = await api<Report>('POST', `/needs/reports/adhoc/${orgId}`, {
      entries: [entryBody(field, entry)],
    });
    setSent(report);
    setAsking(false);
    setEntry(urgent());
  });
  const org = props.memberships.find((m) => m.organisation.id === orgId)?.organisation;
  return (
    <form
      class="stack n-adhoc"
      onSubmit={(e) => {
        e.preventDefault();
        if (!entry.targetGroup.trim()) return;
        setSent(null);
        setAsking(true);
      }}
    >
      {props.memberships.length > 1 && (
        <div class="field">
          <label for={`${id}-org`}>{t('nOrganisation')}</label>
          <select
            id={`${id}-org`}
            value={orgId}
            onChange={(e) => setOrgId((e.target as HTMLSelectElement).value)}
          >
            {props.memberships.map((m) => (
              <option key={m.organisation.id} value={m.organisation.id}>
                {m.organisation.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for={`${id}-field`}>{t('nField')}</label>
        <select
          id={`${id}-field`}
          value={field}
          onChange={(e) => setField((e.target as HTMLSelectElement).value)}
        >
          {FIELD_KEYS.map((f) => (
            <option key={f} value={f}>
              {fieldLabel(f)}
            </option>
          ))}
        </select>
      </div>
      <EntryFields id={id} value={entry} onChange={setEntry} />
      <FormError error={asking ? null : send.error} />
      <button type="submit" class="primary">
        {t('nAdhocSend')}
      </button>
      {sent && (
        <p class="notice" role="status">
          {t('nAdhocSent', { field: fieldLabel(sent.entries[0]?.field ?? field) })}
        </p>
      )}
      {asking && (
        <ConfirmDialog
          title={t('nAdhocConfirmTitle')}
          confirmLabel={t('nAdhocConfirmYes')}
          busy={send.busy}
          error={send.error}
          onConfirm={() => void send.run()}
          onCancel={() => {
            setAsking(false);
            send.setError(null);
          }}
        >
          <p>{t('nAdhocConfirmText', { name: org?.name ?? '', field: fieldLabel(field) })}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
