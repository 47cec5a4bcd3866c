import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AccessibilityFeedbackService,
  STATEMENT_CSS,
  statementPage,
  type Lang,
  type Notice,
} from '@runde/site';
import { toErrorBody } from '@runde/platform';
import { DOCUMENT_HEADERS } from './serve-web';

export const STATEMENT_PATH = '/barrierefreiheit';
const MAX_BODY = 16 * 1024;

const langOf = (request: FastifyRequest): Lang =>
  (request.query as { lang?: string })?.lang === 'en' ? 'en' : 'de';

/**
 * The accessibility statement at /barrierefreiheit (German; `?lang=en` English), a real server route rendered as
 * HTML, with its feedback form posting back to it (form-encoded, no JavaScript needed). A report is stored and
 * mailed to the platform admins; at most 5 per address in 10 minutes.
 */
export async function mountAccessibilityStatement(app: NestFastifyApplication): Promise<void> {
  const feedback = app.get(AccessibilityFeedbackService);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  const page = (
    reply: FastifyReply,
    lang: Lang,
    status: number,
    notice: Notice,
    values: Record<string, string> = {},
  ) => {
    for (const [k, v] of Object.entries(DOCUMENT_HEADERS)) reply.header(k, v);
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(statementPage(lang, feedback.links, notice, values));
  };
  await fastify.register(async (scope: FastifyInstance) => {
    // Form posts only in this scope: the API keeps answering JSON only.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: MAX_BODY },
      (_request, body, done) => {
        try {
          done(null, Object.fromEntries(new URLSearchParams(body as string)));
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );
    scope.get(STATEMENT_PATH, async (request, reply) => page(reply, langOf(request), 200, null));
    scope.get(`${STATEMENT_PATH}.css`, async (_request, reply) =>
      reply
        .header('content-type', 'text/css; charset=utf-8')
        .header('cache-control', 'max-age=3600')
        .send(STATEMENT_CSS),
    );
    scope.post(STATEMENT_PATH, { bodyLimit: MAX_BODY }, async (request, reply) => {
      const lang = langOf(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const text = (key: string, max: number) => {
        const v = body[key];
        return typeof v === 'string' ? v.slice(0, max) : '';
      };
      const values = {
        message: text('message', 5000),
        page: text('page', 500),
        contact: text('contact', 320),
      };
      const raw = body.message;
      if (typeof raw !== 'string' || !raw.trim() || raw.length > 5000)
        return page(reply, lang, 400, 'invalid', values);
      try {
        await feedback.allow(request.ip);
      } catch (error) {
        const status = toErrorBody(error).statusCode;
        if (status === 429) return page(reply, lang, 429, 'tooMany', values);
        throw error;
      }
      await feedback.submit({ message: raw.trim(), page: values.page, contact: values.contact, lang });
      return page(reply, lang, 200, 'thanks');
    });
  });
}
