import { useEffect, useRef, useState } from 'preact/hooks';
import { api, HttpError } from '../../lib/api';
import { useStream } from '../../lib/live';
import { session } from '../../lib/session';
import type { Report } from './model';
import { fromServer, incomplete, merge, sameContent, toBody, type LocalReport } from './report-draft';

const SAVE_DELAY_MS = 800;

export type SaveState = 'saved' | 'pending' | 'saving' | 'incomplete' | 'error';

/**
 * The organisation's report while its people draft it (as the consultation statement is): edits are saved with
 * PUT after a pause, with the `version` they were made on; colleagues' saves arrive on `organisation:<id>`
 * (`needs_report.updated`) and are merged with what is not saved here yet; a stale save (409 STALE_VERSION) is
 * merged with the report the refusal carries and saved again, with a notice. An entry without a target group is
 * not sent (the api would refuse it): the state says what is missing.
 */
export function useReportDraft(periodId: string, orgId: string, order: string[], initial: Report) {
  const [report, setReport] = useState<Report>(initial);
  const [local, setLocalState] = useState<LocalReport>(() => fromServer(initial));
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'merged' | 'remote' | null>(null);
  const localRef = useRef(local);
  const baseRef = useRef(fromServer(initial));
  const versionRef = useRef(initial.version);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const setLocal = (next: LocalReport) => {
    localRef.current = next;
    setLocalState(next);
  };

  const takeIn = (current: Report) => {
    versionRef.current = current.version;
    setReport(current);
    if (current.status !== 'drafting') {
      baseRef.current = fromServer(current);
      setLocal(fromServer(current));
      return;
    }
    const { merged, base } = merge(baseRef.current, localRef.current, fromServer(current));
    baseRef.current = base;
    setLocal(merged);
  };

  const save = async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    if (sameContent(localRef.current, baseRef.current)) {
      setSaveState('saved');
      return;
    }
    if (incomplete(localRef.current).length) {
      setSaveState('incomplete');
      return;
    }
    const sent = localRef.current;
    setSaveState('saving');
    const run = (async () => {
      try {
        const saved = await api<Report>('PUT', `/needs/periods/${periodId}/reports/${orgId}`, {
          ...toBody(sent, order),
          version: versionRef.current,
        });
        if (!alive.current) return;
        versionRef.current = saved.version;
        baseRef.current = sent;
        setReport(saved);
        setError(null);
      } catch (e) {
        if (!alive.current) return;
        const current =
          e instanceof HttpError && e.reason === 'STALE_VERSION' && Array.isArray(e.details)
            ? (e.details[0] as Report | undefined)
            : undefined;
        if (current) {
          takeIn(current);
          setNotice('merged');
          again.current = true;
        } else {
          setError(e);
          setSaveState('error');
          return;
        }
      } finally {
        inFlight.current = null;
      }
      if (again.current || !sameContent(localRef.current, baseRef.current)) {
        again.current = false;
        await save();
      } else {
        setSaveState('saved');
      }
    })();
    inFlight.current = run;
    return run;
  };

  const edit = (next: LocalReport) => {
    setLocal(next);
    setSaveState(incomplete(next).length ? 'incomplete' : 'pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  /** Saves what is pending now (before a release); false when something cannot be saved. */
  const flush = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    await save();
    if (inFlight.current) await inFlight.current;
    return sameContent(localRef.current, baseRef.current);
  };

  useStream(`organisation:${orgId}`, {
    onEvent: (event) => {
      if (event.type !== 'needs_report.updated') return;
      const incoming = (event.data as { report: Report }).report;
      if (incoming.periodId !== periodId || incoming.organisationId !== orgId) return;
      if (incoming.version <= versionRef.current) return; // one's own save, or older
      takeIn(incoming);
      if (event.actorId && event.actorId !== session.user?.id) setNotice('remote');
    },
    onResync: () => {
      void api<Report>('GET', `/needs/periods/${periodId}/reports/${orgId}`).then((r) => {
        if (r.version > versionRef.current) takeIn(r);
      });
    },
  });

  /** After a release: the api's answer is the report now. */
  const replace = (next: Report) => {
    versionRef.current = next.version;
    baseRef.current = fromServer(next);
    setReport(next);
    setLocal(fromServer(next));
    setSaveState('saved');
  };

  return { report, local, edit, flush, saveState, error, notice, setNotice, replace };
}
