import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '@runde/platform';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Where replies go (notices of a thread's post: the signed reply address of the inbound endpoint). */
  replyTo?: string;
  /** `<…@…>`: lets the inbound endpoint recognise our own mails coming back. */
  messageId?: string;
  /** Further headers (List-Unsubscribe, List-Unsubscribe-Post, Auto-Submitted, …). */
  headers?: Record<string, string>;
}

/**
 * Sends mail. `log` writes it to the log, `file` writes one JSON file per mail into MAIL_DIR (development, tests),
 * `smtp` sends through SMTP_URL. No mail server is needed to run runde.
 */
@Injectable()
export class Mailer {
  private readonly logger = new Logger('Mailer');
  private smtp?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** A link into the browser client for a mail (`/#<path>` on PUBLIC_URL). */
  link(path: string): string {
    return this.url(`/#${path}`);
  }

  /** An address on PUBLIC_URL itself (`path` starts with `/`), e.g. an API route a mail names. */
  url(path: string): string {
    const base = this.config.PUBLIC_URL ?? `http://localhost:${this.config.PORT}`;
    return `${base.replace(/\/+$/, '')}${path}`;
  }

  /** Sends, and logs a failure instead of throwing: for notices whose loss must not undo what they report. */
  async sendOrLog(mail: Mail): Promise<void> {
    try {
      await this.send(mail);
    } catch (error) {
      this.logger.warn({ err: error, subject: mail.subject }, 'mail could not be sent');
    }
  }

  async send(mail: Mail): Promise<void> {
    switch (this.config.MAIL_TRANSPORT) {
      case 'smtp':
        this.smtp ??= createTransport(this.config.SMTP_URL);
        await this.smtp.sendMail({ from: this.config.MAIL_FROM, ...mail });
        return;
      case 'file': {
        const dir = resolve(this.config.MAIL_DIR);
        await mkdir(dir, { recursive: true });
        const name = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`;
        await writeFile(join(dir, name), JSON.stringify({ from: this.config.MAIL_FROM, ...mail }, null, 2));
        return;
      }
      default:
        this.logger.log({ to: mail.to, subject: mail.subject, text: mail.text }, 'mail (log transport)');
    }
  }
}
