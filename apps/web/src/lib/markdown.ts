/**
 * Markdown → safe HTML. `marked` renders (GitHub flavour, line breaks kept), DOMPurify sanitizes the result:
 * no scripts, styles, frames, forms or event handlers; links only to http(s), mailto and in-app (#) targets;
 * no images (an image from someone else's server would tell that server who read the post).
 */
import DOMPurify from 'dompurify';
import { Marked } from 'marked';

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

/** Sanitized HTML for a post or comment body. */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source) as string;
  return purifier.sanitize(html, POST_CONFIG) as unknown as string;
}

/** Search snippets: escaped text whose matches are wrapped in <mark>; anything else is dropped. */
export function sanitizeSnippet(snippet: string): string {
  return purifier.sanitize(snippet, { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] }) as unknown as string;
}
