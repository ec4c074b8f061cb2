import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConsoleLogger, type INestApplicationContext, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/env.js';
import { prepareDatabase } from './database/prepare.js';
import { assertRedisAnswers } from './core/reachability.js';
import { DatabaseErrorFilter } from './common/database-error.filter.js';
import { mountQueueDashboard } from './modules/admin/queue-dashboard.js';

const LEVELS: Record<AppConfig['LOG_LEVEL'], LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/** Paths that never fall back to the single-page client. */
const SERVER_PATHS = /^\/(api|webhooks|socket\.io|metrics|admin)(\/|$)/;

function clientDist(config: AppConfig): string {
  return config.CLIENT_DIST ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../client/dist');
}

export interface RapportApp {
  /** The HTTP app (null in a worker-only process). */
  http: NestExpressApplication | null;
  context: INestApplicationContext;
}

/** Migrates, seeds and builds Rapport for its ROLE: api and all serve HTTP and sockets; worker and all run the queues. */
export async function createApp(config: AppConfig): Promise<RapportApp> {
  await assertRedisAnswers(config.REDIS_URL);
  await prepareDatabase(config);
  const logger = new ConsoleLogger('Rapport', { logLevels: LEVELS[config.LOG_LEVEL] });

  if (config.ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.register(config), { logger });
    context.enableShutdownHooks();
    return { http: null, context };
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { rawBody: true, logger });
  app.useBodyParser('json', { limit: '5mb' });
  app.enableShutdownHooks();
  // Ahead of CORS: the board trusts remembered Basic credentials, so other sites must not read it.
  mountQueueDashboard(app);
  app.enableCors({ origin: true, credentials: true });
  app.useGlobalFilters(new DatabaseErrorFilter(app.getHttpAdapter()));

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Rapport API')
      .setDescription('Social-media customer-care inbox: conversations, messages, customers, webhooks.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const dist = clientDist(config);
  if (existsSync(join(dist, 'index.html'))) {
    // Webhooks and API calls never look for a file on disk.
    const assets = express.static(dist, { index: false, maxAge: '1h' });
    app.use((req: Request, res: Response, next: NextFunction) => (SERVER_PATHS.test(req.path) ? next() : assets(req, res, next)));
    // Any other GET is a client route: hand it the single page.
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || SERVER_PATHS.test(req.path) || !req.accepts('html')) return next();
      res.sendFile(join(dist, 'index.html'));
    });
  }
  return { http: app, context: app };
}
