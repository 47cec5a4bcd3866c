import { as, type TestUser } from '../support/factories';
import type { TestApp } from '../support/test-app';
import { mailsTo } from '../support/mailbox';

/** A mail as the file transport wrote it, with the headers of ours. */
export interface WrittenMail {
  to: string;
  subject: string;
  text: string;
  replyTo?: string;
  messageId?: string;
  headers?: Record<string, string>;
}

export const written = (email: string) => mailsTo(email) as WrittenMail[];

export async function chooseMail(app: TestApp, user: TestUser, choice: Record<string, string>) {
  const body = Object.fromEntries(
    Object.entries(choice).map(([category, emailDelivery]) => [category, { inApp: true, emailDelivery }]),
  );
  await as(app, user).put('/api/v1/me/notification-settings').send(body).expect(200);
}

/** The https link of a mail's List-Unsubscribe header, as a path on the test app. */
export function unsubscribePathOf(mail: WrittenMail): string {
  const header = mail.headers?.['List-Unsubscribe'] ?? '';
  const match = /<(https?:\/\/[^>]+)>/.exec(header);
  if (!match) throw new Error(`no https unsubscribe link in ${header}`);
  return new URL(match[1]).pathname;
}
