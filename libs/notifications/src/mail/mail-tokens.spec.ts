import type { AppConfig } from '@runde/platform';
import { base32, fromBase32 } from './base32';
import { MailTokens } from './mail-tokens';

const config = {
  JWT_SECRET: 'runde-development-secret-change-me-0123456789',
  INBOUND_REPLY_TTL_DAYS: 60,
} as AppConfig;
const USER = '0b8f3c52-7a51-4a8e-9d0e-2f4b8e1c9a77';
const THREAD = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

describe('mail tokens', () => {
  const tokens = new MailTokens(config);

  it('base32 round-trips and refuses a non-canonical spelling', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 253]);
    expect(fromBase32(base32(bytes))).toEqual(bytes);
    expect(fromBase32(base32(bytes).toUpperCase())).toEqual(bytes);
    // 7 bytes are 12 letters with 4 bits to spare: a last letter with a spare bit set is another spelling.
    const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
    const text = base32(bytes);
    const odd = alphabet[alphabet.indexOf(text.slice(-1)) | 1];
    expect(fromBase32(text.slice(0, -1) + odd)).toBeNull();
    expect(fromBase32('not-base32!')).toBeNull();
  });

  it('a reply token names the person and thread, fits a mail address, and expires', () => {
    const now = new Date('2027-03-01T10:00:00Z');
    const token = tokens.replyToken(USER, THREAD, now);
    expect(token).toMatch(/^[a-z2-7]{71}$/);
    expect(tokens.verifyReply(token, now)).toEqual({ ok: true, userId: USER, threadId: THREAD });
    expect(tokens.verifyReply(token, new Date('2027-04-29T10:00:00Z')).ok).toBe(true);
    expect(tokens.verifyReply(token, new Date('2027-05-02T10:00:00Z'))).toEqual({
      ok: false,
      reason: 'expired',
    });
    for (let i = 0; i < token.length; i += 7) {
      const tampered = token.slice(0, i) + (token[i] === 'a' ? 'b' : 'a') + token.slice(i + 1);
      expect(tokens.verifyReply(tampered, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });

  it('an unsubscribe token names the person and categories; another key or purpose does not verify it', () => {
    const token = tokens.unsubscribeToken(USER, ['mentions', 'drafts']);
    expect(tokens.verifyUnsubscribe(token)).toEqual({ userId: USER, categories: ['mentions', 'drafts'] });
    const other = new MailTokens({ ...config, MAIL_TOKEN_SECRET: 'x'.repeat(40) } as AppConfig);
    expect(other.verifyUnsubscribe(token)).toBeNull();
    expect(tokens.verifyReply(tokens.replyToken(USER, THREAD)).ok).toBe(true);
    expect(tokens.verifyUnsubscribe(tokens.replyToken(USER, THREAD))).toBeNull();
  });
});
