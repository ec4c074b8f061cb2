import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DestinationStream } from 'pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/env.js';
import { prepareDatabase } from './database/prepare.js';
import { assertRedisAnswers } from './core/reachability.js';
import { bodyParserErrors, bodyParsing } from './common/body-limits.js';
import { corsOptions, OriginCheckingIoAdapter } from './common/cors.js';
import { DatabaseErrorFilter } from './common/database-error.filter.js';
import { LogUserInterceptor, loggingFor, requestLogContext, requestLogging } from './common/logging.js';
import { securityHeaders } from './common/security-headers.js';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from './modules/admin/queue-dashboard.js';
import { IngestService } from './modules/ingest/ingest.service.js';
import { TelegramChannelPicker } from './modules/ingest/telegram-channel.picker.js';
import { WebhookIntake } from './modules/ingest/webhook-intake.js';

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

export interface CreateAppOptions {
  /** Where the log lines go instead of stdout (tests read them); JSON lines. */
  logDestination?: DestinationStream;
}

/** Migrates, seeds and builds Rapport for its ROLE: api and all serve HTTP and sockets; worker and all run the queues. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<RapportApp> {
  const logging = loggingFor(config, options.logDestination);
  // Before anything logs: the database preparation below already does.
  Logger.overrideLogger(logging.nest);
  await assertRedisAnswers(config.REDIS_URL);
  await prepareDatabase(config);
  const logger = logging.nest;

  if (config.ROLE === 'worker') {
    const context = await NestFactory.createApplicationContext(AppModule.register(config), { logger });
    context.enableShutdownHooks();
    return { http: null, context };
  }

  // Our own body parsers (limits per path, raw body kept for signatures), mounted in order below.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { bodyParser: false, logger });
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  const headers = securityHeaders();
  new WebhookIntake({ logging, headers, ingest: app.get(IngestService), telegram: app.get(TelegramChannelPicker) }).mount(app.getHttpServer());
  app.use(requestLogging(logging));
  app.use(headers);
  // The board trusts remembered Basic credentials: no other site may read it, whatever CORS_ORIGIN says.
  app.enableCors((req: Request, callback: (err: Error | null, options: ReturnType<typeof corsOptions>) => void) =>
    callback(null, req.path.startsWith(QUEUE_DASHBOARD_PATH) ? { origin: false } : corsOptions(config.CORS_ORIGIN)),
  );
  app.use(bodyParsing());
  app.use(bodyParserErrors());
  app.use(requestLogContext(logging));
  mountQueueDashboard(app);
  app.useWebSocketAdapter(new OriginCheckingIoAdapter(app, config.CORS_ORIGIN));
  app.useGlobalInterceptors(new LogUserInterceptor(logging));
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
