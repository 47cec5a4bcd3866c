import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PostsService } from '@runde/discussion';
import { NotificationSettingsService, UsersService } from '@runde/identity';
import { AppError, ErrorCode, prepared } from '@runde/platform';
import type { ParsedMail } from 'mailparser';
import { MailTokens } from '../mail-tokens';
import { OutgoingMail } from '../outgoing-mail';
import { autoReplyReason } from './auto-reply';
import { replyText } from './reply-text';

/** An SMTP answer: 2xx accepted, 4xx try later, 5xx refused for good (the sender's server bounces with the text). */
export interface SmtpAnswer {
  code: number;
  message: string;
}

/** A recipient of the inbound endpoint, once its token verified. */
export type InboundTarget =
  | { kind: 'reply'; userId: string; threadId: string; email: string }
  | { kind: 'unsubscribe'; userId: string; token: string };

export class SmtpRefusal extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const refuse = (code: number, message: string) => new SmtpRefusal(code, message);

/**
 * What the inbound SMTP endpoint decides, apart from speaking SMTP. Recipients (RCPT): `reply+<token>@` (a person
 * and a thread, signed, with an expiry: no database needed to tell a good one) and `unsubscribe+<token>@` (the
 * mailto of List-Unsubscribe). A reply is posted only when its From is the account's e-mail, it is not an
 * automatic mail nor one of ours come back, the address was not used for this Message-ID before, and the person
 * may still write there (PostsService decides, as for the app: a locked thread, a removed member bounce with the
 * reason). Quoted text and signature are cut off.
 */
@Injectable()
export class InboundReplies {
  private readonly logger = new Logger('InboundReplies');

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: MailTokens,
    private readonly outgoing: OutgoingMail,
    private readonly users: UsersService,
    private readonly posts: PostsService,
    private readonly settings: NotificationSettingsService,
  ) {}

  /** RCPT TO: the target, or a refusal (unknown, tampered or expired address; a bounce as sender). */
  async recipient(address: string, sender: string | null, now = new Date()): Promise<InboundTarget> {
    if (!sender) throw refuse(550, '5.7.1 Automatic mails (null sender) are not accepted here');
    const match = /^(reply|unsubscribe)\+([a-z2-7]+)@(.+)$/i.exec(address.trim());
    if (!match || match[3].toLowerCase() !== this.outgoing.domain)
      throw refuse(550, '5.1.1 No such recipient');
    const [, kind, token] = match;
    if (kind.toLowerCase() === 'unsubscribe') {
      const found = this.tokens.verifyUnsubscribe(token);
      if (!found) throw refuse(550, '5.1.1 No such recipient');
      return { kind: 'unsubscribe', userId: found.userId, token };
    }
    const check = this.tokens.verifyReply(token, now);
    if (!check.ok)
      throw check.reason === 'expired'
        ? refuse(550, '5.1.1 This reply address has expired; please reply in runde (Adresse abgelaufen)')
        : refuse(550, '5.1.1 No such recipient');
    const rows = await prepared<{ email: string }>(
      this.dataSource,
      `SELECT email FROM users WHERE id = $1 AND deleted_at IS NULL`,
      [check.userId],
    );
    if (!rows.length) throw refuse(550, '5.1.1 No such recipient');
    return { kind: 'reply', userId: check.userId, threadId: check.threadId, email: rows[0].email };
  }

  /** End of DATA: the parsed message to the target. Returns the answer for an accepted message; throws a refusal. */
  async deliver(target: InboundTarget, mail: ParsedMail, raw: Buffer): Promise<SmtpAnswer> {
    const header = (name: string) => headerText(mail.headers.get(name));
    const auto = autoReplyReason(header, header('content-type'));
    if (auto) throw refuse(550, `5.7.1 Automatic replies are not posted (${auto})`);
    if (mail.messageId && this.outgoing.isOwnMessageId(mail.messageId))
      throw refuse(550, '5.7.1 Mail loop: this is a mail of runde');
    if (target.kind === 'unsubscribe') {
      const found = this.tokens.verifyUnsubscribe(target.token)!;
      await this.settings.stopMails(found.userId, found.categories);
      return { code: 250, message: '2.0.0 Unsubscribed (abbestellt)' };
    }
    const from = mail.from?.value ?? [];
    if (from.length !== 1 || from[0].address?.toLowerCase() !== target.email.toLowerCase())
      throw refuse(550, '5.7.1 The sender is not the person this reply address belongs to');
    const body = replyText(mail.text ?? '');
    if (!body) throw refuse(550, '5.6.0 The reply is empty (quote and signature removed)');

    const messageId = mail.messageId ?? `<sha256.${createHash('sha256').update(raw).digest('hex')}>`;
    const claimed = await prepared<{ id: string }>(
      this.dataSource,
      `INSERT INTO inbound_replies (user_id, thread_id, message_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING id`,
      [target.userId, target.threadId, messageId.slice(0, 998)],
    );
    if (!claimed.length) throw refuse(550, '5.7.1 This message was posted before (same Message-ID)');
    const id = claimed[0].id;
    try {
      const caller = await this.users.caller(target.userId);
      const post = await this.posts.create(caller, target.threadId, body);
      await prepared(this.dataSource, `UPDATE inbound_replies SET post_id = $2 WHERE id = $1`, [id, post.id]);
      this.logger.log(
        { userId: target.userId, threadId: target.threadId, postId: post.id },
        'reply by e-mail posted',
      );
      return { code: 250, message: `2.0.0 Posted as ${post.id}` };
    } catch (error) {
      await prepared(this.dataSource, `DELETE FROM inbound_replies WHERE id = $1`, [id]);
      throw refusalOf(error);
    }
  }
}

/** Why PostsService said no, as an SMTP answer the sender's server puts into its bounce. */
function refusalOf(error: unknown): SmtpRefusal {
  if (error instanceof SmtpRefusal) return error;
  if (error instanceof AppError) {
    switch (error.code) {
      case ErrorCode.ThreadLocked:
        return refuse(550, '5.7.1 The thread is locked: replies are closed (Das Thema ist gesperrt)');
      case ErrorCode.Forbidden:
      case ErrorCode.NotFound:
      case ErrorCode.Unauthorized:
        return refuse(
          550,
          '5.7.1 You may not write in this thread (any more) (Sie duerfen in diesem Thema nicht schreiben)',
        );
      case ErrorCode.ValidationFailed:
      case ErrorCode.PayloadTooLarge:
        return refuse(550, `5.6.0 The reply cannot be posted: ${ascii(error.message)}`);
      case ErrorCode.RateLimited:
        return refuse(450, '4.7.1 Slow mode: please try again later');
      default:
        break;
    }
  }
  return refuse(451, '4.3.0 Temporary failure, please try again later');
}

function headerText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return headerText(value[0]);
  if (typeof value === 'object' && 'value' in value) return String((value as { value: unknown }).value);
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text);
  return String(value);
}

function ascii(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
