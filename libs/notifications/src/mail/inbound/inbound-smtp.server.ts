import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { APP_CONFIG, AppConfig } from '@runde/platform';
import { InboundReplies, SmtpRefusal, type InboundTarget } from './inbound-replies';

/** The largest message taken (a reply with a quoted mail and perhaps a small picture). */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * The inbound SMTP endpoint for replies by e-mail, run by the api process on its own port (INBOUND_SMTP_PORT;
 * off when unset). It is the MX of INBOUND_DOMAIN: it takes mail for `reply+<token>@` and `unsubscribe+<token>@`
 * only, one recipient per message, no AUTH; STARTTLS with INBOUND_SMTP_TLS_KEY/CERT. Every refusal is a 5xx (or
 * 4xx: try later) with a reason the sender's server puts into its bounce.
 */
@Injectable()
export class InboundSmtpServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('InboundSmtpServer');
  private server?: SMTPServer;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replies: InboundReplies,
  ) {}

  /** The port it listens on (INBOUND_SMTP_PORT=0: the one the system chose), or null when off. */
  get port(): number | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address ? address.port : null;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.INBOUND_SMTP_PORT === undefined) return;
    const tls =
      this.config.INBOUND_SMTP_TLS_KEY && this.config.INBOUND_SMTP_TLS_CERT
        ? {
            key: readFileSync(this.config.INBOUND_SMTP_TLS_KEY),
            cert: readFileSync(this.config.INBOUND_SMTP_TLS_CERT),
          }
        : null;
    const server = new SMTPServer({
      name: this.config.INBOUND_DOMAIN,
      banner: 'runde reply endpoint',
      size: MAX_BYTES,
      authOptional: true,
      disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      ...(tls ?? {}),
      logger: false,
      maxClients: 100,
      socketTimeout: 60_000,
      onRcptTo: (address, session, callback) => {
        if (session.envelope.rcptTo.length > 0)
          return callback(smtpError(452, '4.5.3 One recipient per message, please'));
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        this.replies
          .recipient(address.address, sender || null)
          .then((target) => {
            targets.set(session.id, target);
            callback();
          })
          .catch((error: unknown) => callback(this.toSmtpError(error)));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const target = targets.get(session.id);
          targets.delete(session.id);
          if (stream.sizeExceeded) return callback(smtpError(552, '5.3.4 Message too big'));
          if (!target) return callback(smtpError(503, '5.5.1 No valid recipient'));
          const raw = Buffer.concat(chunks);
          simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true })
            .then((mail) => this.replies.deliver(target, mail, raw))
            .then((answer) => callback(null, answer.message))
            .catch((error: unknown) => callback(this.toSmtpError(error)));
        });
      },
      onClose: (session: SMTPServerSession) => targets.delete(session.id),
    });
    const targets = new Map<string, InboundTarget>();
    server.on('error', (err) => this.logger.warn({ err }, 'inbound SMTP error'));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.config.INBOUND_SMTP_PORT, this.config.INBOUND_SMTP_HOST, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log({ port: this.port, domain: this.config.INBOUND_DOMAIN }, 'inbound SMTP listening');
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private toSmtpError(error: unknown): Error {
    if (error instanceof SmtpRefusal) return smtpError(error.code, error.message);
    this.logger.warn({ err: error }, 'inbound mail failed');
    return smtpError(451, '4.3.0 Temporary failure, please try again later');
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
