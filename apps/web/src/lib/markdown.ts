/**
 * Markdown → safe HTML. `marked` renders (GitHub flavour, line breaks kept), DOMPurify sanitizes the result:
 * no scripts, styles, frames, forms or event handlers; links only to http(s), mailto and in-app (#) targets;
 * no images (an image from someone else's server would tell that server who read the post). Mentions by id
 * (`@<uuid>`, as the composer inserts them) become the person's name, marked, built as DOM text after sanitizing.
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { t } from './i18n';
import type { Person } from './types';

const marked = new Marked({ gfm: true, breaks: true, async: false });

const SAFE_HREF = /^(https?:|mailto:|#|\/(?!\/))/i;

const purifier = DOMPurify(window);
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_HREF.test(href.trim())) node.removeAttribute('href');
    if (node.hasAttribute('href') && /^https?:/i.test(node.getAttribute('href') ?? '')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  }
});

const POST_CONFIG = {
  ALLOWED_TAGS: [
    'p',
    'br',
    'hr',
    'strong',
    'em',
    'del',
    's',
    'code',
    'pre',
    'blockquote',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  ALLOWED_ATTR: ['href', 'title', 'start', 'align', 'target', 'rel'],
  ALLOW_DATA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

/** How mentions are shown: the people known by id, and the reader (whose own mentions stand out). */
export interface MentionContext {
  people: ReadonlyMap<string, Person>;
  me?: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** As the server's mention parser reads them: not inside a word (e-mail addresses), `<…>` optional. */
const MENTION = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_@])@<?(${UUID})>?(?![0-9a-z-])`, 'giu');
/** `@<uuid>` would reach the sanitizer as an unknown tag and vanish; without brackets it stays text. */
const BRACKETED = new RegExp(`@<(${UUID})>`, 'gi');

/** Sanitized HTML for a post or comment body. */
export function renderMarkdown(source: string, mentions?: MentionContext): string {
  const html = marked.parse(source.replace(BRACKETED, '@$1')) as string;
  const fragment = purifier.sanitize(html, { ...POST_CONFIG, RETURN_DOM_FRAGMENT: true });
  markMentions(fragment, mentions);
  wrapTables(fragment);
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
}

/**
 * Each table in a box of its own that scrolls sideways when the table is wider than the screen, and that takes
 * the focus so that keyboard users can scroll it too.
 */
function wrapTables(root: DocumentFragment): void {
  for (const table of Array.from(root.querySelectorAll('table'))) {
    const box = document.createElement('div');
    box.className = 'table-scroll';
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', t('tableLabel'));
    table.replaceWith(box);
    box.append(table);
  }
}

/** Replaces `@<uuid>` in the text (not in code) by `<span class="mention">@Name</span>`, names as text nodes. */
function markMentions(root: DocumentFragment, context: MentionContext | undefined): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('code, pre') && node.nodeValue?.includes('@')) texts.push(node as Text);
  }
  for (const text of texts) {
    const value = text.nodeValue!;
    const parts: Node[] = [];
    let last = 0;
    for (const match of value.matchAll(MENTION)) {
      parts.push(document.createTextNode(value.slice(last, match.index)));
      parts.push(mentionElement(match[1].toLowerCase(), context));
      last = match.index + match[0].length;
    }
    if (!parts.length) continue;
    parts.push(document.createTextNode(value.slice(last)));
    text.replaceWith(...parts);
  }
}

function mentionElement(id: string, context: MentionContext | undefined): HTMLElement {
  const person = context?.people.get(id);
  const span = document.createElement('span');
  span.className = id === context?.me ? 'mention mention-me' : 'mention';
  if (!person) span.textContent = `@${t('mentionedPerson')}`;
  else if (person.deleted || !person.displayName) span.textContent = `@${t('deletedAccount')}`;
  else {
    span.textContent = `@${person.displayName}`;
    if (person.organisation) span.title = person.organisation.name;
  }
  return span;
}

/** Search snippets: escaped text whose matches are wrapped in <mark>; anything else is dropped. */
export function sanitizeSnippet(snippet: string): string {
  return purifier.sanitize(snippet, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] }) as unknown as string;
}
