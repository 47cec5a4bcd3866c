import { useEffect, useRef, useState } from 'preact/hooks';
import { api, HttpError } from './api';
import type { Envelope } from '@runde/client';
import { useStream } from './live';
import { session } from './session';

export type SaveState = 'saved' | 'pending' | 'saving' | 'incomplete' | 'error';

/** What a shared draft (an organisation's statement, its needs report) is, for useSharedDraft. */
export interface SharedDraftKind<S extends { version: number; status: string }, L> {
  /** Where it is read (GET) and saved (PUT with `version`). */
  path: string;
  /** The stream its colleagues' saves arrive on, and the one of them that is this draft (or null). */
  stream: string;
  incoming: (event: Envelope) => S | null;
  /** Whether `incoming` should be taken in although its version is not newer (a correction is a new draft). */
  replaces?: (incoming: S, shown: S) => boolean;
  fromServer: (server: S) => L;
  /** Three-way merge: what was saved (base), what is here (local), what the api has now (remote). */
  merge: (base: L, local: L, remote: L) => { merged: L; base: L };
  sameContent: (a: L, b: L) => boolean;
  toBody: (local: L) => object;
  /** What the api holds after saving `sent` (default: `sent`). */
  savedState?: (sent: L) => L;
  /** What keeps it from being saved (the api would refuse it): not sent while anything is listed. */
  incomplete?: (local: L) => unknown[];
  delayMs: number;
}

/**
 * A draft an organisation's people write together, outside the co-editor: edits are saved with PUT after a short
 * pause (with the `version` they were made on); colleagues' saves arrive live and are merged with what is not
 * saved here yet; a stale save (409 STALE_VERSION) is merged with the current draft the refusal carries and saved
 * again, with a notice. Once released (any status but `drafting`) it is shown as it is.
 */
export function useSharedDraft<S extends { version: number; status: string }, L>(
  kind: SharedDraftKind<S, L>,
  initial: S,
) {
  const [server, setServer] = useState<S>(initial);
  const [local, setLocalState] = useState<L>(() => kind.fromServer(initial));
  const [saveState, setSaveState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<'merged' | 'remote' | null>(null);
  const localRef = useRef(local);
  const baseRef = useRef(kind.fromServer(initial));
  const versionRef = useRef(initial.version);
  const serverRef = useRef(initial);
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

  const blocked = (l: L) => (kind.incomplete ? kind.incomplete(l).length > 0 : false);
  const setLocal = (next: L) => {
    localRef.current = next;
    setLocalState(next);
  };
  const show = (next: S) => {
    serverRef.current = next;
    versionRef.current = next.version;
    setServer(next);
  };

  /** Takes what the api holds now (someone else's save) into this screen. */
  const takeIn = (current: S) => {
    show(current);
    if (current.status !== 'drafting') {
      baseRef.current = kind.fromServer(current);
      setLocal(kind.fromServer(current));
      return;
    }
    const { merged, base } = kind.merge(baseRef.current, localRef.current, kind.fromServer(current));
    baseRef.current = base;
    setLocal(merged);
  };

  const save = async (): Promise<void> => {
    if (inFlight.current) {
      again.current = true;
      return inFlight.current;
    }
    if (kind.sameContent(localRef.current, baseRef.current)) {
      setSaveState('saved');
      return;
    }
    if (blocked(localRef.current)) {
      setSaveState('incomplete');
      return;
    }
    const sent = localRef.current;
    setSaveState('saving');
    const run = (async () => {
      try {
        const saved = await api<S>('PUT', kind.path, { ...kind.toBody(sent), version: versionRef.current });
        if (!alive.current) return;
        baseRef.current = kind.savedState ? kind.savedState(sent) : sent;
        show(saved);
        setError(null);
      } catch (e) {
        if (!alive.current) return;
        const current =
          e instanceof HttpError && e.reason === 'STALE_VERSION' && Array.isArray(e.details)
            ? (e.details[0] as S | undefined)
            : undefined;
        if (!current) {
          setError(e);
          setSaveState('error');
          return;
        }
        takeIn(current);
        setNotice('merged');
        again.current = true;
      } finally {
        inFlight.current = null;
      }
      if (again.current || !kind.sameContent(localRef.current, baseRef.current)) {
        again.current = false;
        await save();
      } else {
        setSaveState('saved');
      }
    })();
    inFlight.current = run;
    return run;
  };

  const edit = (next: L) => {
    setLocal(next);
    setSaveState(blocked(next) ? 'incomplete' : 'pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), kind.delayMs);
  };

  /** Saves what is pending now (before a release); false when something could not be saved. */
  const flush = async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    await save();
    if (inFlight.current) await inFlight.current;
    return kind.sameContent(localRef.current, baseRef.current);
  };

  const newer = (incoming: S) =>
    incoming.version > versionRef.current || !!kind.replaces?.(incoming, serverRef.current);
  useStream(kind.stream, {
    onEvent: (event) => {
      const incoming = kind.incoming(event);
      if (!incoming || !newer(incoming)) return; // not this draft, one's own save, or older
      takeIn(incoming);
      if (event.actorId && event.actorId !== session.user?.id) setNotice('remote');
    },
    onResync: () => {
      void api<S>('GET', kind.path).then((current) => {
        if (newer(current)) takeIn(current);
      });
    },
  });

  /** After a release, Fehlanzeige or correction: the api's answer is the draft now. */
  const replace = (next: S) => {
    show(next);
    baseRef.current = kind.fromServer(next);
    setLocal(kind.fromServer(next));
    setSaveState('saved');
  };

  return { server, local, edit, flush, saveState, error, notice, setNotice, replace };
}
