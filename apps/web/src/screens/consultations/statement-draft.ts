/**
 * The statement as its people draft it together. The api replaces the whole statement on each PUT (and gives its
 * points new ids), so the client keeps its own keys for the points it shows and merges three ways when someone
 * else's save arrives while it has unsaved changes: what this person changed since the last common state (the
 * base) is laid over what the other saved. Pure functions, no Preact.
 */
import type { CommentPosition, Statement } from './model';

export type AnswerValue = string | number | boolean;

export interface LocalPoint {
  /** The client's key (stable while this person edits; a loaded point gets its server id). */
  key: string;
  randnummer: string;
  position: CommentPosition;
  text: string;
  proposedWording: string;
}

export interface LocalStatement {
  general: string;
  points: LocalPoint[];
  answers: Record<string, AnswerValue>;
}

let counter = 0;
export function newKey(): string {
  counter += 1;
  return `new-${Date.now().toString(36)}-${counter}`;
}

export function fromServer(s: Statement): LocalStatement {
  return {
    general: s.general,
    points: s.comments.map((c) => ({
      key: c.id || newKey(),
      randnummer: c.anchor && 'randnummer' in c.anchor ? c.anchor.randnummer : '',
      position: c.position,
      text: c.text,
      proposedWording: c.proposedWording ?? '',
    })),
    answers: Object.fromEntries(s.answers.map((a) => [a.questionId, a.value])),
  };
}

/** A point the api takes: it has text. Blank ones stay on this screen until they have some. */
export function isSendable(p: LocalPoint): boolean {
  return p.text.trim().length > 0;
}

/** The PUT body's content (without `version`). */
export function toBody(s: LocalStatement) {
  return {
    general: s.general,
    comments: s.points.filter(isSendable).map((p) => ({
      ...(p.randnummer ? { anchor: { randnummer: p.randnummer } } : {}),
      position: p.position,
      text: p.text,
      ...(p.proposedWording.trim() ? { proposedWording: p.proposedWording } : {}),
    })),
    answers: Object.entries(s.answers)
      .filter(([, v]) => v !== '' && v !== undefined && !(typeof v === 'number' && Number.isNaN(v)))
      .map(([questionId, value]) => ({ questionId, value })),
  };
}

/** What the api holds after a save of `sent`: the sendable points, with this screen's keys. */
export function savedState(sent: LocalStatement): LocalStatement {
  return { ...sent, points: sent.points.filter(isSendable) };
}

const content = (p: LocalPoint) =>
  JSON.stringify([p.randnummer, p.position, p.text.trim(), p.proposedWording.trim()]);

/**
 * Someone else's saved statement (`theirs`), with this person's changes since `base` laid over it:
 * the general part and each answer are theirs unless changed here; points removed here go, points changed here
 * replace theirs (matched by their content in the base), points added here are appended. Keys of `mine` are kept
 * for the points that are still the same, so an input being typed in keeps its focus.
 */
export function merge(
  base: LocalStatement,
  mine: LocalStatement,
  theirs: LocalStatement,
): { merged: LocalStatement; base: LocalStatement } {
  const general = mine.general !== base.general ? mine.general : theirs.general;
  const answers: Record<string, AnswerValue> = { ...theirs.answers };
  for (const id of new Set([...Object.keys(base.answers), ...Object.keys(mine.answers)])) {
    if (mine.answers[id] !== base.answers[id]) {
      if (mine.answers[id] === undefined) delete answers[id];
      else answers[id] = mine.answers[id];
    }
  }
  const baseByKey = new Map(base.points.map((p) => [p.key, p]));
  // What happened here to each point of the base: edited (to what) or removed (null); unchanged ones are absent.
  const editedHere = new Map<string, LocalPoint | null>();
  for (const b of base.points) {
    const now = mine.points.find((m) => m.key === b.key);
    if (!now) editedHere.set(content(b), null);
    else if (content(now) !== content(b)) editedHere.set(content(b), now);
  }
  const points: LocalPoint[] = [];
  const newBase: LocalPoint[] = [];
  const used = new Set<string>();
  for (const p of theirs.points) {
    const c = content(p);
    if (editedHere.has(c)) {
      const edited = editedHere.get(c);
      editedHere.delete(c);
      if (edited) {
        points.push(edited);
        used.add(edited.key);
        newBase.push({ ...p, key: edited.key });
      } else {
        newBase.push(p); // removed here: gone from this screen, still in the api until the next save
      }
      continue;
    }
    // Unchanged here, or a point added here that was saved meanwhile (its own save's echo): keep this screen's
    // key for it, so it is not shown twice.
    const same = mine.points.find((m) => !used.has(m.key) && content(m) === c);
    const key = same?.key ?? p.key;
    used.add(key);
    points.push({ ...p, key });
    newBase.push({ ...p, key });
  }
  // Points edited here that the other removed meanwhile stay (the edit says they are wanted), as do new ones.
  for (const edited of editedHere.values()) if (edited && !used.has(edited.key)) points.push(edited);
  for (const m of mine.points) if (!baseByKey.has(m.key) && !used.has(m.key)) points.push(m);
  return {
    merged: { general, points, answers },
    base: { ...theirs, points: newBase },
  };
}

export function sameContent(a: LocalStatement, b: LocalStatement): boolean {
  return JSON.stringify(toBody(a)) === JSON.stringify(toBody(b));
}
