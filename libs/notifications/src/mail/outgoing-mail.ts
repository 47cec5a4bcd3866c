import { Inject, Injectable } from '@nestjs/common';
import { Mailer, NOTIFICATION_CATEGORIES, type Mail, type NotificationCategory } from '@runde/identity';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { MailTokens } from './mail-tokens';
import { mailFooter, type MailLocale } from './notice-mail-text';

/** A ledger row (`notification_mails`) about to be sent. */
export interface LedgerMail {
  id: string;
  userId: string;
  recipient: string;
  subject: string;
  body: string;
  categories: string[] | null;
  threadId: string | null;
  locale: string | null;
}

/** The path of the one-click unsubscribe route (under PUBLIC_URL); the token follows. */
export const UNSUBSCRIBE_PATH = '/api/v1/mail/unsubscribe/';

/**
 * What every notice mail carries besides its text: a Message-ID of ours (`<runde.<id>@<domain>>`, so the inbound
 * endpoint knows our own mails coming back), `Auto-Submitted: auto-generated` (RFC 3834: no auto-replies to it),
 * the one-click unsubscribe (RFC 8058: `List-Unsubscribe` with the https link and, with an inbound endpoint, a
 * mailto address; `List-Unsubscribe-Post`), and for a thread's post the signed reply address as Reply-To. The
 * footer says why the mail came and repeats the unsubscribe link.
 */
@Injectable()
export class OutgoingMail {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly tokens: MailTokens,
  ) {}

  /** The domain of our Message-IDs (and of the reply addresses, when there is an inbound endpoint). */
  get domain(): string {
    if (this.config.INBOUND_DOMAIN) return this.config.INBOUND_DOMAIN.toLowerCase();
    try {
      return new URL(this.config.PUBLIC_URL ?? 'http://runde.local').hostname;
    } catch {
      return 'runde.local';
    }
  }

  /** Whether a Message-ID is one of ours (a mail of runde come back). */
  isOwnMessageId(messageId: string): boolean {
    return new RegExp(`^<?runde\\.[0-9a-f-]{36}@${escape(this.domain)}>?$`, 'i').test(messageId.trim());
  }

  unsubscribeUrl(userId: string, categories: NotificationCategory[]): string {
    return this.mailer.url(`${UNSUBSCRIBE_PATH}${this.tokens.unsubscribeToken(userId, categories)}`);
  }

  /** reply+<token>@INBOUND_DOMAIN, or null without an inbound endpoint. */
  replyAddress(userId: string, threadId: string, now = new Date()): string | null {
    if (!this.config.INBOUND_DOMAIN) return null;
    return `reply+${this.tokens.replyToken(userId, threadId, now)}@${this.domain}`;
  }

  dress(row: LedgerMail): Mail {
    const categories = (row.categories ?? []).filter((c): c is NotificationCategory =>
      (NOTIFICATION_CATEGORIES as readonly string[]).includes(c),
    );
    const locale: MailLocale = row.locale === 'en' ? 'en' : 'de';
    const replyTo = row.threadId ? this.replyAddress(row.userId, row.threadId) : null;
    const headers: Record<string, string> = {
      'Auto-Submitted': 'auto-generated',
      'X-Auto-Response-Suppress': 'All',
    };
    let footer = '';
    if (categories.length) {
      const token = this.tokens.unsubscribeToken(row.userId, categories);
      const https = this.mailer.url(`${UNSUBSCRIBE_PATH}${token}`);
      const mailto = this.config.INBOUND_DOMAIN
        ? `, <mailto:unsubscribe+${token}@${this.domain}?subject=unsubscribe>`
        : '';
      headers['List-Unsubscribe'] = `<${https}>${mailto}`;
      headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      footer = mailFooter(categories, https, this.mailer.link('/account'), !!replyTo, locale);
    }
    return {
      to: row.recipient,
      subject: row.subject,
      text: row.body + (footer ? `\n${footer}` : ''),
      messageId: `<runde.${row.id}@${this.domain}>`,
      headers,
      ...(replyTo ? { replyTo } : {}),
    };
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
