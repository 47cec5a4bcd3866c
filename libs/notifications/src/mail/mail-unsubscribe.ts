import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationSettingsService, type NotificationCategory } from '@runde/identity';
import { prepared } from '@runde/platform';
import { MailTokens } from './mail-tokens';
import { CATEGORY_NAMES, type MailLocale } from './notice-mail-text';

export interface UnsubscribeTarget {
  userId: string;
  categories: NotificationCategory[];
  locale: MailLocale;
}

/**
 * One-click unsubscribe (RFC 8058) from a mail's signed link: no sign-in, the token names the person and the
 * categories. Looking at it (GET) changes nothing; the POST switches those categories' mails off (the app's
 * notices stay as they were). A link of an erased account, or a forged one, is not found.
 */
@Injectable()
export class MailUnsubscribe {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: MailTokens,
    private readonly settings: NotificationSettingsService,
  ) {}

  async target(token: string): Promise<UnsubscribeTarget | null> {
    const found = this.tokens.verifyUnsubscribe(token);
    if (!found) return null;
    const rows = await prepared<{ locale: string }>(
      this.dataSource,
      `SELECT locale FROM users WHERE id = $1 AND deleted_at IS NULL`,
      [found.userId],
    );
    if (!rows.length) return null;
    return { ...found, locale: rows[0].locale === 'en' ? 'en' : 'de' };
  }

  /** Switches the token's categories' mails off; null when the token is not good. */
  async apply(token: string): Promise<UnsubscribeTarget | null> {
    const target = await this.target(token);
    if (!target) return null;
    await this.settings.stopMails(target.userId, target.categories);
    return target;
  }
}

/** The small page of the link: a button that unsubscribes (GET), or what was done (POST), or a bad link. */
export function unsubscribePage(
  state: 'confirm' | 'done' | 'invalid',
  target: UnsubscribeTarget | null,
  settingsLink: string,
): string {
  const locale = target?.locale ?? 'de';
  const names = target ? target.categories.map((c) => CATEGORY_NAMES[c][locale]).join(', ') : '';
  const de = {
    title: 'E-Mails abbestellen – runde',
    confirm: `Möchten Sie keine E-Mails mehr zu „${names}“ erhalten? Die Benachrichtigungen in runde bleiben, wie sie sind.`,
    button: 'E-Mails abbestellen',
    done: `Erledigt: Sie erhalten keine E-Mails mehr zu „${names}“. Sie können das jederzeit in Ihren Einstellungen ändern.`,
    invalid:
      'Dieser Link ist ungültig. Ihre E-Mail-Einstellungen können Sie nach der Anmeldung in runde ändern.',
    settings: 'Einstellungen öffnen',
  };
  const en = {
    title: 'Unsubscribe – runde',
    confirm: `Stop e-mails about ${names}? Your notifications in runde stay as they are.`,
    button: 'Unsubscribe',
    done: `Done: you will no longer receive e-mails about ${names}. You can change this in your settings at any time.`,
    invalid: 'This link is not valid. You can change your e-mail settings after signing in to runde.',
    settings: 'Open settings',
  };
  const t = locale === 'en' ? en : de;
  const body =
    state === 'confirm'
      ? `<p>${esc(t.confirm)}</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${esc(t.button)}</button></form>`
      : `<p role="status">${esc(state === 'done' ? t.done : t.invalid)}</p>`;
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(t.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}
button{font:inherit;padding:.5rem 1rem;cursor:pointer}</style></head>
<body><main><h1>${esc(t.title)}</h1>
${body}
<p><a href="${esc(settingsLink)}">${esc(t.settings)}</a></p></main></body></html>`;
}

function esc(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
