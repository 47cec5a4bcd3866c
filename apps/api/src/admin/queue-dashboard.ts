import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { QueueService } from '@runde/events';
import { toErrorBody } from '@runde/platform';
import { AdminGate } from './admin-gate';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Bull Board at /admin/queues, behind the admin gate (Bearer token or the admin session cookie, see AdminGate). */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get(QueueService);
  const gate = app.get(AdminGate);
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter,
  });
  // The gate's hook and the board share one plugin scope: it guards every route of the board, and nothing else.
  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', async (request, reply) => {
        try {
          await gate.check(request);
        } catch (error) {
          const body = toErrorBody(error);
          if (body.retryAfterSeconds !== undefined)
            reply.header('Retry-After', String(body.retryAfterSeconds));
          return reply.code(body.statusCode).send(body);
        }
      });
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}
