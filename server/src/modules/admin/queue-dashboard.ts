import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Router } from 'express';
import { QueueService } from '../../core/queue.service.js';
import { QueueName } from '../../core/queues.js';
import { AuthService } from '../auth/auth.service.js';
import { adminOnly } from './admin-auth.js';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board over every queue of the app, on the producers' own connection and key prefix. Mounted on
 * Express before Nest registers its routes, so Nest's 404 and the client's fallback never see it.
 */
export function mountQueueDashboard(app: NestExpressApplication): void {
  const queues = app.get(QueueService);
  const board = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(queues.queue(name))),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'Rapport queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, adminOnly(app.get(AuthService)), board.getRouter() as Router);
}
