/** The headers of an incoming mail, lower-cased names, each as its first value's text. */
export type HeaderLookup = (name: string) => string | undefined;

/**
 * Why a mail is an automatic one that must not become a post, or null: `Auto-Submitted` other than `no`
 * (RFC 3834), `Precedence: bulk|junk|list`, `X-Autoreply`/`X-Autorespond`, `X-Auto-Response-Suppress` (set by
 * Exchange on its automatic mails), a list or a delivery report (`List-Id`, `Return-Path: <>`, a
 * `multipart/report` body) — the usual marks of out-of-office replies, bounces and list mail.
 */
export function autoReplyReason(header: HeaderLookup, contentType?: string): string | null {
  const auto = header('auto-submitted')?.trim().toLowerCase();
  if (auto && auto !== 'no') return `Auto-Submitted: ${auto}`;
  const precedence = header('precedence')?.trim().toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `Precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-response-suppress', 'list-id']) {
    if (header(name) !== undefined) return name;
  }
  if (header('return-path')?.trim() === '<>') return 'Return-Path: <>';
  if (contentType && /^multipart\/report/i.test(contentType)) return 'multipart/report';
  return null;
}
