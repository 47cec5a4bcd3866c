import type { DraftChangeDecisionPayload, PersonPayload } from '@runde/events';
import type { TrackedChange } from '@runde/richtext';
import type { DraftChangeDecisionEntity } from '../entities/draft-change-decision.entity';

/** A tracked change as `GET /drafts/:id/changes` lists it. */
export interface TrackedChangeView {
  key: string;
  authorId: string | null;
  /** The person the change's mark names (null when it names nobody known). */
  author: PersonPayload | null;
  at: string | null;
  inserted: string;
  deleted: string;
  formatted: boolean;
  rn: string | null;
}

export function changeView(change: TrackedChange, people: Map<string, PersonPayload>): TrackedChangeView {
  return {
    key: change.key,
    authorId: change.authorId,
    author: (change.authorId && people.get(change.authorId)) || null,
    at: change.at,
    inserted: change.inserted,
    deleted: change.deleted,
    formatted: change.formatted,
    rn: change.rn,
  };
}

export function changeDecisionPayload(d: DraftChangeDecisionEntity): DraftChangeDecisionPayload {
  return {
    id: d.id,
    draftId: d.draftId,
    changeKey: d.changeKey,
    changeAuthorId: d.changeAuthorId,
    decision: d.decision,
    inserted: d.inserted,
    deleted: d.deleted,
    formatted: d.formatted,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt.toISOString(),
    version: d.version,
    revisionId: d.revisionId,
  };
}

/** A decision as `GET /drafts/:id/changes/decisions` lists it: with the people named. */
export interface ChangeDecisionView extends DraftChangeDecisionPayload {
  decider: PersonPayload | null;
  changeAuthor: PersonPayload | null;
}

export function changeDecisionView(
  d: DraftChangeDecisionEntity,
  people: Map<string, PersonPayload>,
): ChangeDecisionView {
  return {
    ...changeDecisionPayload(d),
    decider: people.get(d.decidedBy) ?? null,
    changeAuthor: (d.changeAuthorId && people.get(d.changeAuthorId)) || null,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids among these that can name a person (marks are written by browsers: anything may be in them). */
export const personIds = (ids: Array<string | null>): string[] => [
  ...new Set(ids.filter((id): id is string => !!id && UUID.test(id))),
];

/** The revision's label: "Änderungen angenommen: „…“, „…“" (at most 200 characters). */
export function decisionLabel(decision: 'accept' | 'reject', changes: TrackedChange[]): string {
  const verb = decision === 'accept' ? 'angenommen' : 'abgelehnt';
  const what = changes.map((c) => {
    const text = oneLine(c.inserted || c.deleted);
    if (!text) return 'Formatierung';
    return c.inserted ? `„${text}“` : `„${text}“ gestrichen`;
  });
  const head = changes.length === 1 ? `Änderung ${verb}` : `${changes.length} Änderungen ${verb}`;
  const label = `${head}: ${what.join(', ')}`;
  return label.length > 200 ? `${label.slice(0, 199)}…` : label;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
