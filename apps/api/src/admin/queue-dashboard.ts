import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { QueueService } from '@runde/events';
import { toErrorBody } from '@runde/platform';
import { AdminGate } from './admin-gate';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** Bull Board at /admin/queues, behind the admin gate. */
export function mountQueueDashboard(app: INestApplication): void {
  const queues = app.get(QueueService);
  const gate = app.get(AdminGate);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.allQueues().map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter,
  });
  app.use(QUEUE_DASHBOARD_PATH, (req: Request, res: Response, next: NextFunction) => {
    gate.check(req).then(
      () => next(),
      (error: unknown) => {
        const body = toErrorBody(error);
        if (body.statusCode === 401)
          res.setHeader('WWW-Authenticate', 'Basic realm="runde admin", charset="UTF-8"');
        res.status(body.statusCode).json(body);
      },
    );
  });
  app.use(QUEUE_DASHBOARD_PATH, serverAdapter.getRouter());
}
