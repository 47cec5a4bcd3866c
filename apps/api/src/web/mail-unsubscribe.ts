import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Mailer } from '@runde/identity';
import { MailUnsubscribe, UNSUBSCRIBE_PATH, unsubscribePage } from '@runde/notifications';
import { DOCUMENT_HEADERS } from './serve-web';

const TOKEN = /^[a-z2-7]{20,100}$/i;

/**
 * The one-click unsubscribe link of every notice mail (RFC 8058), no sign-in: GET shows a page with a button and
 * changes nothing (mail scanners open links); POST (the mail program's one-click, with
 * `List-Unsubscribe=One-Click` form-encoded or as multipart, or the page's button) switches the mails off and
 * answers 200. The body is not read: the signed token in the path says everything.
 */
export async function mountMailUnsubscribe(app: NestFastifyApplication): Promise<void> {
  const unsubscribe = app.get(MailUnsubscribe);
  const settingsLink = app.get(Mailer).link('/account');
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const page = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .headers(DOCUMENT_HEADERS)
      .header('Cache-Control', 'no-store')
      .header('Referrer-Policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(html);
  await fastify.register(async (scope: FastifyInstance) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 16 * 1024 }, (_req, _body, done) =>
      done(null, undefined),
    );
    const path = `${UNSUBSCRIBE_PATH}:token`;
    scope.get<{ Params: { token: string } }>(path, async (request, reply) => {
      const token = request.params.token;
      const target = TOKEN.test(token) ? await unsubscribe.target(token) : null;
      return target
        ? page(reply, 200, unsubscribePage('confirm', target, settingsLink))
        : page(reply, 404, unsubscribePage('invalid', null, settingsLink));
    });
    scope.post<{ Params: { token: string } }>(path, async (request, reply) => {
      const token = request.params.token;
      const target = TOKEN.test(token) ? await unsubscribe.apply(token) : null;
      return target
        ? page(reply, 200, unsubscribePage('done', target, settingsLink))
        : page(reply, 404, unsubscribePage('invalid', null, settingsLink));
    });
  });
}
