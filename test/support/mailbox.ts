import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from './expect-eventually';

export interface SentMail {
  to: string;
  subject: string;
  text: string;
}

/** Reads what the `file` mail transport wrote (MAIL_DIR of this test run). */
export function sentMails(): SentMail[] {
  const dir = process.env.MAIL_DIR!;
  let files: string[];
  try {
    files = readdirSync(dir).sort();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as SentMail);
}

export async function lastMailTo(email: string): Promise<SentMail> {
  return expectEventually(() => {
    const mail = sentMails()
      .filter((m) => m.to === email)
      .pop();
    if (!mail) throw new Error(`no mail to ${email}`);
    return mail;
  });
}

/** The token of the link in a password reset mail (`#/password-reset?token=…`). */
export function resetTokenOf(mail: SentMail): string {
  const match = /#\/password-reset\?token=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error('no password reset link in mail');
  return match[1];
}

/** Every mail to `email` so far (oldest first). */
export function mailsTo(email: string): SentMail[] {
  return sentMails().filter((m) => m.to === email);
}

export function invitationTokenOf(mail: SentMail): string {
  const match = /invitation=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!match) throw new Error('no invitation link in mail');
  return match[1];
}
