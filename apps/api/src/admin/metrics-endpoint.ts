import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { Metrics } from '@runde/events';
import { toErrorBody } from '@runde/platform';
import { AdminGate } from './admin-gate';

export const METRICS_PATH = '/metrics';

/**
 * Prometheus metrics at /metrics, behind the admin gate like the queue dashboard (a platform admin's Bearer token
 * or the admin session cookie; Prometheus scrapes with `authorization: Bearer …`). Every answered request is
 * counted and timed by its route pattern (never by the raw URL, so ids do not explode the series).
 */
export async function mountMetrics(app: NestFastifyApplication): Promise<void> {
  const metrics = app.get(Metrics);
  const gate = app.get(AdminGate);
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    if (route === METRICS_PATH) return;
    const method = request.method;
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
  });
  fastify.get(METRICS_PATH, async (request, reply) => {
    try {
      await gate.check(request);
    } catch (error) {
      const body = toErrorBody(error);
      if (body.retryAfterSeconds !== undefined) reply.header('Retry-After', String(body.retryAfterSeconds));
      return reply.code(body.statusCode).send(body);
    }
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}
