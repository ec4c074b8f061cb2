import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { HttpException, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bodyParserErrors, bodyParsing } from '../../common/body-limits.js';
import { storeRefusal, type StoreRefusal } from '../../common/database-error.filter.js';
import { traceRequest, type Logging } from '../../common/logging.js';
import type { WebhookRequest } from '../channels/channel-adapter.js';
import type { IngestService, WebhookOutcome } from './ingest.service.js';
import type { TelegramChannelPicker } from './telegram-channel.picker.js';

/** A platform's POST webhook, as its path names it. */
export type WebhookTarget = { source: 'meta' | 'whatsapp' | 'x' } | { source: 'telegram'; secret: string } | { source: 'api'; channelKey: string };

/** The POST paths platforms deliver to (route syntax), for whoever lists the routes. */
export const WEBHOOK_POST_ROUTES = ['/webhooks/meta', '/webhooks/whatsapp', '/webhooks/x', '/webhooks/telegram/:secret', '/webhooks/api/:channelKey'] as const;

const TARGET = /^\/webhooks\/(?:(meta|whatsapp|x)|(telegram|api)\/([^/]+))\/?$/;

/** The webhook a POST path is for; null for any other path; 'bad-path' for a parameter that does not decode. */
export function webhookTarget(path: string): WebhookTarget | 'bad-path' | null {
  const match = TARGET.exec(path);
  if (!match) return null;
  const [, shared, withParam, raw] = match;
  if (shared) return { source: shared as 'meta' | 'whatsapp' | 'x' };
  let param: string;
  try {
    param = decodeURIComponent(raw!);
  } catch {
    return 'bad-path';
  }
  return withParam === 'telegram' ? { source: 'telegram', secret: param } : { source: 'api', channelKey: param };
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const errorBody = (status: number, error: string, message: string): Answer => ({ status, body: { statusCode: status, error, message } });

/** What a webhook's outcome answers the platform: 200 only once the event is queued. */
export function outcomeAnswer(outcome: WebhookOutcome): Answer {
  switch (outcome.result) {
    case 'queued':
      return { status: 200, body: { status: 'queued' } };
    case 'unknown-channel':
      return errorBody(404, 'Not Found', outcome.reason);
    case 'forged':
      return errorBody(401, 'Unauthorized', `Signature check failed: ${outcome.reason}`);
    case 'malformed':
      return errorBody(400, 'Bad Request', `Malformed event: ${outcome.reason}`);
  }
}

const logger = new Logger('Webhooks');
/** The media type, whatever parameters follow (as Express's `req.is('application/json')`). */
const JSON_TYPE = /^\s*application\/json\s*(;|$)/i;

/** A thrown error as an answer: a refusal keeps its status, a data store not answering is 503, anything else 500. */
function thrownAnswer(error: unknown): Answer {
  const refusal: StoreRefusal | null = error instanceof HttpException ? { exception: error } : storeRefusal(error);
  if (refusal) {
    const { exception, retryAfterSeconds } = refusal;
    const response = exception.getResponse();
    const body = typeof response === 'string' ? { statusCode: exception.getStatus(), message: response } : response;
    return { status: exception.getStatus(), body, ...(retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(retryAfterSeconds) } } : {}) };
  }
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return errorBody(500, 'Internal Server Error', 'Internal server error');
}

function send(res: ServerResponse, answer: Answer): void {
  if (res.headersSent) return;
  const text = JSON.stringify(answer.body);
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}

type IntakeRequest = IncomingMessage & { path?: string; rawBody?: Buffer };

export interface WebhookIntakeDeps {
  logging: Logging;
  ingest: IngestService;
  telegram: TelegramChannelPicker;
  /** The security headers every answer carries. */
  headers: (req: IntakeRequest, res: ServerResponse, next: (err?: unknown) => void) => void;
}

/**
 * Platform webhooks are the hot path of a complaint storm: they are answered here, ahead of the
 * framework's router, guards and interceptors, with the same request id and log line, security headers,
 * body limits and parser errors as every other request. The answer comes once the event is queued.
 */
export class WebhookIntake {
  private readonly parse: RequestHandler = bodyParsing();
  private readonly parseErrors = bodyParserErrors();

  constructor(private readonly deps: WebhookIntakeDeps) {}

  /** Answers a POST to a webhook path and says so; anything else is left to the app (false). */
  handle(req: IntakeRequest, res: ServerResponse): boolean {
    if (req.method !== 'POST' || !req.url?.startsWith('/webhooks/')) return false;
    const queryAt = req.url.indexOf('?');
    const path = queryAt === -1 ? req.url : req.url.slice(0, queryAt);
    const target = webhookTarget(path);
    if (target === null) return false;
    req.path = path;
    traceRequest(this.deps.logging, req, res);
    this.deps.headers(req, res, () => {
      if (target === 'bad-path') return send(res, errorBody(400, 'Bad Request', 'The webhook path is not valid percent-encoding'));
      const asExpress = [req as unknown as Request, res as unknown as Response] as const;
      const next: NextFunction = (err?: unknown) => {
        if (err) return this.parseErrors(err, ...asExpress, (unhandled?: unknown) => send(res, thrownAnswer(unhandled)));
        const query = queryAt === -1 ? {} : parseQuery(req.url!.slice(queryAt + 1));
        this.accept(target, req, query).then(
          (answer) => send(res, answer),
          (error: unknown) => send(res, thrownAnswer(error)),
        );
      };
      this.parse(...asExpress, next);
    });
    return true;
  }

  private async accept(target: WebhookTarget, req: IntakeRequest, query: Record<string, unknown>): Promise<Answer> {
    if (!req.rawBody || !JSON_TYPE.test(req.headers['content-type'] ?? '')) return errorBody(400, 'Bad Request', 'Send the event as application/json');
    const params: Record<string, string> = target.source === 'telegram' ? { secret: target.secret } : target.source === 'api' ? { channelKey: target.channelKey } : {};
    const request: WebhookRequest = { rawBody: req.rawBody, headers: req.headers, query, params };
    const { ingest, telegram } = this.deps;
    if (target.source === 'api') return outcomeAnswer(await ingest.acceptApiWebhook(target.channelKey, request));
    if (target.source === 'telegram') return outcomeAnswer(await ingest.acceptSharedWebhook('telegram', request, () => telegram.pick(query.channel)));
    return outcomeAnswer(await ingest.acceptSharedWebhook(target.source, request));
  }

  /** Puts the intake in front of every request listener the server has (the app's, socket.io's). */
  mount(server: Server): void {
    const listeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (this.handle(req, res)) return;
      for (const listener of listeners) listener.call(server, req, res);
    });
  }
}
