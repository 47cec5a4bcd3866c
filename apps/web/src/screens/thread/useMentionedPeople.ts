import { useRef, useState } from 'preact/hooks';
import { api } from '../../lib/api';
import type { Person, Post } from '../../lib/types';

/** A mention by id in a post's Markdown (as lib/markdown.ts renders it). */
const MENTION_ID = /@<?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;

/**
 * The people a thread's posts mention as `@<id>`, so that they show by name: loaded with the thread
 * (`GET /threads/:id/mentions`), again when a post arrives that mentions someone not known yet, and the people
 * chosen in the composer at once.
 */
export function useMentionedPeople(threadId: string) {
  const [people, setPeople] = useState<Map<string, Person>>(new Map());
  const known = useRef(people);
  known.current = people;
  const add = (list: Person[]) => setPeople((m) => new Map([...m, ...list.map((p) => [p.id, p] as const)]));
  const load = () =>
    api<{ items: Person[] }>('GET', `/threads/${threadId}/mentions`).then(
      (res) => add(res.items),
      () => undefined, // shown as "mentioned person" until the next load
    );
  /** Loads again when the post mentions someone whose name is not known here. */
  const notice = (post: Post) => {
    const ids = [...(post.body ?? '').matchAll(MENTION_ID)].map((m) => m[1].toLowerCase());
    if (ids.some((id) => !known.current.has(id))) void load();
  };
  return { people, load, notice, remember: (person: Person) => add([person]) };
}
