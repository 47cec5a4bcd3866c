import { useEffect, useRef, useState } from 'preact/hooks';
import { api, HttpError } from '../../lib/api';
import { useStream } from '../../lib/live';
import { session } from '../../lib/session';
import type { Statement } from './model';
import { fromServer, merge, sameContent, savedState, toBody, type LocalStatement } from './statement-draft';

const SAVE_DELAY_MS = 700;

export type SaveState = 'saved' | 'pending' | 'saving' | 'error';

/**
 * The organisation's statement while its people draft it: edits are saved with PUT after a short pause (with the
 * `version` they were made on); colleagues' saves arrive on `organisation:<id>` (`statement.updated`) and are
 * merged with what is not saved here yet; a stale save (409 STALE_VERSION) is merged with the current statement
 * from the refusal and saved again, with a notice. Released or Fehlanzeige: the statement is shown as it is.
 */
export function useStatementDraft(consultationId: string, orgId: string, initial: Statement) {
  const [statement, setStatement] = useState<Statement>(initial);
  const [local, setLocalState] = useState<LocalStatement>(() => fromServer(initial));
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

  const setLocal = (next: LocalStatement) => {
    localRef.current = next;
    setLocalState(next);
  };

  /** Takes a statement the api holds now (someone else's save) into this screen. */
  const takeIn = (current: Statement) => {
    if (current.status !== 'drafting') {
      setStatement(current);
      versionRef.current = current.version;
      baseRef.current = fromServer(current);
      setLocal(fromServer(current));
      return;
    }
    const { merged, base } = merge(baseRef.current, localRef.current, fromServer(current));
    baseRef.current = base;
    versionRef.current = current.version;
    setStatement(current);
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
    const sent = localRef.current;
    setSaveState('saving');
    const run = (async () => {
      try {
        const saved = await api<Statement>('PUT', `/consultations/${consultationId}/statements/${orgId}`, {
          ...toBody(sent),
          version: versionRef.current,
        });
        if (!alive.current) return;
        versionRef.current = saved.version;
        baseRef.current = savedState(sent);
        setStatement(saved);
        setError(null);
      } catch (e) {
        if (!alive.current) return;
        const current =
          e instanceof HttpError && e.reason === 'STALE_VERSION' && Array.isArray(e.details)
            ? (e.details[0] as Statement | undefined)
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

  const edit = (next: LocalStatement) => {
    setLocal(next);
    setSaveState('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), SAVE_DELAY_MS);
  };

  /** Saves what is pending now (before a release). */
  const flush = async () => {
    if (timer.current) clearTimeout(timer.current);
    await save();
    if (inFlight.current) await inFlight.current;
  };

  useStream(`organisation:${orgId}`, {
    onEvent: (event) => {
      if (event.type !== 'statement.updated') return;
      const incoming = (event.data as { statement: Statement }).statement;
      if (incoming.consultationId !== consultationId) return;
      // A correction is a new statement (new id): take it whatever its version.
      const newStatement = incoming.id !== statement.id && !!statement.id;
      if (!newStatement && incoming.version <= versionRef.current) return; // one's own save, or older
      takeIn(incoming);
      if (event.actorId && event.actorId !== session.user?.id) setNotice('remote');
    },
    onResync: () => {
      void api<Statement>('GET', `/consultations/${consultationId}/statements/${orgId}`).then((s) => {
        if (s.version > versionRef.current || s.id !== statement.id) takeIn(s);
      });
    },
  });

  /** After a release, Fehlanzeige or correction: the api's answer is the statement now. */
  const replace = (next: Statement) => {
    versionRef.current = next.version;
    baseRef.current = fromServer(next);
    setStatement(next);
    setLocal(fromServer(next));
    setSaveState('saved');
  };

  return { statement, local, edit, flush, saveState, error, notice, setNotice, replace };
}
