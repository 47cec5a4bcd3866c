import type { AriaAttributes } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useId } from '../../components/common';
import { VerifiedOrganisation } from '../../components/VerifiedOrganisation';
import { api, HttpError, type Page } from '../../lib/api';
import { t } from '../../lib/i18n';
import { session } from '../../lib/session';
import type { Member, Person } from '../../lib/types';
import { insertMention, matches, mentionQueryAt, rank, type MentionQuery } from './mentions';

const SHOWN = 8;
const DEBOUNCE_MS = 120;

/**
 * @mention suggestions for a Markdown textarea: typing `@` and part of a name or organisation lists the members of
 * the group (found by the api, `GET /groups/:id/members?q=`) and the other `known` people (a thread's authors:
 * in a network topic someone outside the group still finds them). Arrow keys move, Enter or Tab insert `@<id>`,
 * Escape closes. The textarea keeps its textbox role (a textarea may not be a combobox) and gets the combobox's
 * other half: `aria-autocomplete`, `aria-controls` and `aria-activedescendant` on the listbox's options; a live
 * region says how many there are.
 */
export function useMentions(options: {
  groupId: string | null;
  value: string;
  setValue: (value: string) => void;
  textareaRef: { current: HTMLTextAreaElement | null };
  known?: Person[];
  onChosen?: (person: Person) => void;
}) {
  const { value, setValue, textareaRef } = options;
  const listId = useId('mentions');
  const [at, setAt] = useState<MentionQuery | null>(null);
  const [found, setFound] = useState<Person[]>([]);
  /** The text the suggestions shown are for. */
  const [foundFor, setFoundFor] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  /** The `@` the person closed the list for with Escape: it stays closed until another `@`. */
  const dismissed = useRef<number | null>(null);
  /** The latest text that found nobody: typing on after a space means it was not a name (plain text). */
  const fruitless = useRef<MentionQuery | null>(null);
  const membersRefused = useRef(false);
  const cache = useRef(new Map<string, Person[]>());
  const me = session.user?.id;

  // Where the caret is decides what is being looked for: after typing, clicking or moving it.
  const update = () => {
    const el = textareaRef.current;
    if (!el || el.selectionStart !== el.selectionEnd) return setAt(null);
    const next = mentionQueryAt(el.value, el.selectionStart);
    if (next && next.start === dismissed.current) return setAt(null);
    const none = fruitless.current;
    if (
      next &&
      none &&
      next.start === none.start &&
      /\s/.test(next.query) &&
      next.query.startsWith(none.query)
    )
      return setAt(null);
    if (!next) dismissed.current = null;
    setAt((prev) => (prev && next && prev.start === next.start && prev.query === next.query ? prev : next));
  };
  useEffect(update, [value]);
  useEffect(() => {
    const el = textareaRef.current;
    if (!el) return;
    const onMove = (e: Event) => {
      if (e instanceof KeyboardEvent && ['ArrowUp', 'ArrowDown', 'Enter', 'Tab', 'Escape'].includes(e.key))
        return;
      update();
    };
    const onBlur = () => setAt(null);
    el.addEventListener('click', onMove);
    el.addEventListener('keyup', onMove);
    el.addEventListener('blur', onBlur);
    return () => {
      el.removeEventListener('click', onMove);
      el.removeEventListener('keyup', onMove);
      el.removeEventListener('blur', onBlur);
    };
  }, [textareaRef.current]);

  // Look the typed text up (debounced; answers kept per text), then add the known people who match.
  const query = at?.query ?? null;
  useEffect(() => {
    if (query === null) {
      setFound([]);
      setFoundFor(null);
      return;
    }
    let live = true;
    const known = (options.known ?? []).filter((p) => matches(p, query) || !query.trim());
    const show = (members: Person[]) => {
      if (!live) return;
      const all = new Map<string, Person>();
      for (const p of [...members, ...known])
        if (p.id !== me && !p.deleted && !all.has(p.id)) all.set(p.id, p);
      const shown = rank([...all.values()], query).slice(0, SHOWN);
      setFound(shown);
      setFoundFor(query);
      if (!shown.length && at) fruitless.current = { start: at.start, query };
      setActive(0);
    };
    const cached = cache.current.get(query);
    if (cached || !options.groupId || membersRefused.current) {
      show(cached ?? []);
      return () => void (live = false);
    }
    const timer = setTimeout(() => {
      const q = encodeURIComponent(query.trim());
      api<Page<Member>>('GET', `/groups/${options.groupId}/members?limit=20&q=${q}`).then(
        (page) => {
          const people = page.items.map(personOf);
          cache.current.set(query, people);
          show(people);
        },
        (error: unknown) => {
          // Not a member of the topic's group (a network topic): the thread's people only.
          if (error instanceof HttpError && (error.status === 403 || error.status === 404))
            membersRefused.current = true;
          show([]);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, options.groupId]);

  const open = at !== null && found.length > 0;

  const choose = (person: Person) => {
    if (!at) return;
    const next = insertMention(value, at, person.id);
    setValue(next.text);
    setAt(null);
    options.onChosen?.(person);
    requestAnimationFrame(() => {
      const el = textareaRef.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(next.caret, next.caret);
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!at) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      dismissed.current = at.start;
      setAt(null);
      return;
    }
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + found.length) % found.length);
    } else if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.shiftKey) || e.key === 'Tab') {
      e.preventDefault();
      choose(found[Math.min(active, found.length - 1)]);
    }
  };

  const optionId = (i: number) => `${listId}-${i}`;
  const textareaAttrs: AriaAttributes = {
    'aria-autocomplete': 'list',
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(active) : undefined,
  };

  let status = '';
  if (open) status = t('mentionCount', { count: found.length });
  else if (at && at.query.trim() && foundFor === at.query) status = t('mentionNone');

  const popup = (
    <>
      <p class="visually-hidden" role="status" aria-live="polite">
        {status}
      </p>
      {open && (
        <div class="mention-anchor">
          <ul class="mention-list" role="listbox" id={listId} aria-label={t('mentionList')}>
            {found.map((p, i) => (
              <li
                key={p.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                class={i === active ? 'is-active' : undefined}
                // Keep the focus (and the caret) in the textarea.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(p)}
              >
                <span class="mention-name">{p.displayName}</span>
                <VerifiedOrganisation organisation={p.organisation} class="mention-org" />
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );

  return { onKeyDown, textareaAttrs, popup };
}

function personOf(m: Member): Person {
  return { id: m.userId, displayName: m.displayName, organisation: m.organisation, deleted: m.deleted };
}
