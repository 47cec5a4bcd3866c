import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { categoriesOfMask, categoryMask, type NotificationCategory } from '@runde/identity';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { base32, fromBase32 } from './base32';

const MAC_BYTES = 10;
const DAY_MS = 24 * 3600 * 1000;

export type ReplyTokenCheck =
  { ok: true; userId: string; threadId: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The signed tokens in mails, verified without a database: HMAC-SHA256 (truncated to 80 bits) under
 * MAIL_TOKEN_SECRET (else a key derived from JWT_SECRET), a different purpose byte per kind of token.
 *
 * - unsubscribe: person + categories (a bit set), no expiry — a one-click link must work as long as the mail is
 *   kept; it can only switch mails off.
 * - reply: person + thread + the day it expires (days since 1970, INBOUND_REPLY_TTL_DAYS after the mail).
 *
 * Both are base32 in lower case, so that they survive in the local part of a mail address.
 */
@Injectable()
export class MailTokens {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = config.MAIL_TOKEN_SECRET
      ? Buffer.from(config.MAIL_TOKEN_SECRET, 'utf8')
      : createHmac('sha256', config.JWT_SECRET).update('runde mail tokens').digest();
  }

  unsubscribeToken(userId: string, categories: Iterable<NotificationCategory>): string {
    const body = Buffer.alloc(18);
    uuidBytes(userId).copy(body, 0);
    body.writeUInt16BE(categoryMask(categories), 16);
    return base32(this.sign(PURPOSE.unsubscribe, body));
  }

  verifyUnsubscribe(token: string): { userId: string; categories: NotificationCategory[] } | null {
    const body = this.open(PURPOSE.unsubscribe, token, 18);
    if (!body) return null;
    const categories = categoriesOfMask(body.readUInt16BE(16));
    return categories.length ? { userId: uuidOf(body.subarray(0, 16)), categories } : null;
  }

  /** The local part's token of a reply address for this person and thread, good for INBOUND_REPLY_TTL_DAYS. */
  replyToken(userId: string, threadId: string, now = new Date()): string {
    const body = Buffer.alloc(34);
    uuidBytes(userId).copy(body, 0);
    uuidBytes(threadId).copy(body, 16);
    body.writeUInt16BE(Math.floor(now.getTime() / DAY_MS) + this.config.INBOUND_REPLY_TTL_DAYS, 32);
    return base32(this.sign(PURPOSE.reply, body));
  }

  verifyReply(token: string, now = new Date()): ReplyTokenCheck {
    const body = this.open(PURPOSE.reply, token, 34);
    if (!body) return { ok: false, reason: 'invalid' };
    if (body.readUInt16BE(32) < Math.floor(now.getTime() / DAY_MS)) return { ok: false, reason: 'expired' };
    return { ok: true, userId: uuidOf(body.subarray(0, 16)), threadId: uuidOf(body.subarray(16, 32)) };
  }

  private sign(purpose: number, body: Buffer): Buffer {
    return Buffer.concat([body, this.mac(purpose, body)]);
  }

  private mac(purpose: number, body: Buffer): Buffer {
    return createHmac('sha256', this.key)
      .update(Buffer.from([purpose]))
      .update(body)
      .digest()
      .subarray(0, MAC_BYTES);
  }

  /** The token's body when its signature holds, else null. */
  private open(purpose: number, token: string, length: number): Buffer | null {
    const bytes = fromBase32(token);
    if (!bytes || bytes.length !== length + MAC_BYTES) return null;
    const body = bytes.subarray(0, length);
    return timingSafeEqual(bytes.subarray(length), this.mac(purpose, body)) ? body : null;
  }
}

const PURPOSE = { unsubscribe: 1, reply: 2 } as const;

function uuidBytes(id: string): Buffer {
  return Buffer.from(id.replace(/-/g, ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const h = bytes.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
