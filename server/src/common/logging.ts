import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { NativeLogger, PinoLogger } from 'nestjs-pino';
import { pino, type DestinationStream, type Level, type Logger as Pino, type LoggerOptions } from 'pino';
import { PinoPretty } from 'pino-pretty';
import type { Observable } from 'rxjs';
import type { AppConfig } from '../config/env.js';

export type LogFormat = 'json' | 'pretty';

/** JSON lines for machines; colour only for a person at a terminal, and never in production unless asked. */
export function chooseLogFormat(setting: AppConfig['LOG_FORMAT'], nodeEnv: AppConfig['NODE_ENV'], isTty: boolean): LogFormat {
  if (setting !== 'auto') return setting;
  return isTty && nodeEnv !== 'production' ? 'pretty' : 'json';
}

export const REDACTED = '[redacted]';
/** Names of fields and headers whose values never reach a log line. */
const SENSITIVE_NAME = /pass(word)?|secret|token|authorization|cookie|signature|api[-_]?key|credential/i;

/** Headers as logged: everything but credentials and signatures (the signature headers of every platform match). */
export function redactHeaders(headers: IncomingMessage['headers'] | undefined): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name] = SENSITIVE_NAME.test(name) ? REDACTED : value;
  return out;
}

/**
 * A URL as logged: Telegram's webhook carries its secret in the path, handshakes carry tokens in the
 * query (`hub.verify_token`, `crc_token`).
 */
export function scrubUrl(url: string): string {
  const [path = '', query] = url.split(/\?(.*)/s, 2);
  const safePath = path.replace(/^(\/webhooks\/telegram\/)[^/]+/, `$1${REDACTED}`);
  if (query === undefined) return safePath;
  const params = query.split('&').map((pair) => {
    const [name = '', value] = pair.split(/=(.*)/s, 2);
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // Logged as sent.
    }
    return value !== undefined && SENSITIVE_NAME.test(decoded) ? `${name}=${REDACTED}` : pair;
  });
  return `${safePath}?${params.join('&')}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
};

/** A logged object with every sensitive-named field blanked, however deep (plain objects and arrays only). */
export function scrubFields<T>(value: T, depth = 0): T {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubFields(item, depth + 1)) as T;
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) out[key] = SENSITIVE_NAME.test(key) && field !== undefined && field !== null ? REDACTED : scrubFields(field, depth + 1);
  return out as T;
}

/** The configured secrets (and the passwords in the store URLs): blanked wherever they turn up in a line. */
export function configuredSecrets(config: Record<string, unknown>): string[] {
  const values = new Set<string>();
  for (const [key, value] of Object.entries(config)) {
    if (typeof value !== 'string') continue;
    if (/SECRET|TOKEN|PASSWORD|_KEY/.test(key)) for (const part of value.split(',')) values.add(part.trim());
    if (/_URL$/.test(key)) {
      try {
        const password = decodeURIComponent(new URL(value).password);
        if (password) values.add(password);
      } catch {
        // Not a URL: nothing to take from it.
      }
    }
  }
  // Short values would blank ordinary words.
  return [...values].filter((secret) => secret.length >= 6);
}

/** `line` with every secret (raw or as JSON escapes it) replaced. */
export function blankSecrets(line: string, secrets: readonly string[]): string {
  let out = line;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
  }
  return out;
}

const REQUEST_ID = /^[\w.:@+=/-]{1,128}$/;

/** The caller's X-Request-Id when it is a sane token (it lands in our logs), else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
}

const CONVERSATION_PATH = /^\/api\/conversations\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/|\?|$)/i;

/** The conversation a route is about, from its path. */
export function conversationIdOf(url: string): string | undefined {
  return CONVERSATION_PATH.exec(url)?.[1]?.toLowerCase();
}

/** Probes and the client's own files would drown the request lines at info; failures always show. */
export function requestLogLevel(method: string, url: string, statusCode: number, failed: boolean): Level {
  if (failed || statusCode >= 500) return 'error';
  const path = url.split('?')[0] ?? url;
  if (path === '/api/health' || path === '/metrics') return 'debug';
  if (method === 'GET' && statusCode < 400 && !/^\/(api|webhooks|admin)(\/|$)/.test(path)) return 'debug';
  return 'info';
}

export interface LoggedRequest extends IncomingMessage {
  originalUrl?: string;
  user?: { id?: string };
}

/** What a request line says about who and what, beside the request id. */
function requestFields(req: LoggedRequest): { userId?: string; conversationId?: string } {
  const conversationId = conversationIdOf(req.originalUrl ?? req.url ?? '');
  return { ...(req.user?.id ? { userId: req.user.id } : {}), ...(conversationId ? { conversationId } : {}) };
}

/** One logger per process (the API or a worker process), set up by the first app it starts. */
export interface Logging {
  root: Pino;
  /** Nest's logger: every `new Logger(...)` in the code writes through it. */
  nest: NativeLogger;
  /** Request-scoped fields (`assign`) for the logs made while a request is handled. */
  scoped: PinoLogger;
}

let processLogging: Logging | null = null;

/**
 * The process's logger: LOG_LEVEL, LOG_FORMAT, field and secret scrubbing. `destination` (tests) takes
 * the JSON lines instead of stdout. The first call decides; later ones (another app in the same
 * process, as tests start) get the same logger.
 */
export function loggingFor(config: AppConfig, destination?: DestinationStream): Logging {
  if (processLogging) return processLogging;
  const secrets = configuredSecrets(config);
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    base: { pid: process.pid, hostname: hostname(), role: config.ROLE },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => scrubFields(object),
    },
    hooks: { streamWrite: (line) => blankSecrets(line, secrets) },
  };
  const format = destination ? 'json' : chooseLogFormat(config.LOG_FORMAT, config.NODE_ENV, process.stdout.isTTY === true);
  const stream =
    destination ??
    (format === 'pretty'
      ? PinoPretty({
          colorize: true,
          sync: true,
          translateTime: 'SYS:HH:MM:ss.l',
          // Who and what stay on the line; the request's details are for the JSON form.
          ignore: 'pid,hostname,role,context,req,res,responseTime,reqId',
          singleLine: true,
          messageFormat: '{if context}[{context}] {end}{msg}',
        })
      : pino.destination({ dest: 1, sync: true }));
  const root = pino(options, stream);
  const params = { pinoHttp: { logger: root } };
  const scoped = new PinoLogger(params);
  processLogging = { root, nest: new NativeLogger(scoped, params), scoped };
  return processLogging;
}

/** What a request line says of the request: method, scrubbed URL and headers, never a body. */
function requestSummary(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: scrubUrl(req.originalUrl ?? req.url ?? ''), remoteAddress: req.socket?.remoteAddress, headers: redactHeaders(req.headers) };
}

/**
 * Gives a request its id (the caller's X-Request-Id or a new one, echoed back) and logs one line when
 * its answer is sent or the caller goes away: method, scrubbed URL and headers, status, time, user and
 * conversation. The line is built only when its level is logged.
 */
export function traceRequest(logging: Logging, req: LoggedRequest, res: ServerResponse): string {
  const started = Date.now();
  const id = requestIdFrom(req.headers['x-request-id']);
  req.id = id;
  res.setHeader('X-Request-Id', id);
  const done = (err?: unknown): void => {
    res.off('finish', done);
    res.off('close', done);
    res.off('error', done);
    const failed = err instanceof Error || res.statusCode >= 500;
    const url = req.originalUrl ?? req.url ?? '/';
    const level = requestLogLevel(req.method ?? 'GET', url, res.statusCode, err instanceof Error);
    if (!logging.root.isLevelEnabled(level)) return;
    const responseTime = Date.now() - started;
    const line = `${req.method ?? '?'} ${scrubUrl(url)} ${res.statusCode}`;
    const msg = failed ? `${line} failed` : `${line} ${responseTime} ms${res.writableEnded ? '' : ' (aborted)'}`;
    const fields = { reqId: id, req: requestSummary(req), res: { statusCode: res.statusCode }, responseTime, ...requestFields(req), ...(err instanceof Error ? { err } : {}) };
    logging.root[level](fields, msg);
  };
  res.on('finish', done);
  res.on('close', done);
  res.on('error', done);
  return id;
}

/** First of all middleware: the request's id and its line (see traceRequest). */
export function requestLogging(logging: Logging): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    traceRequest(logging, req, res);
    next();
  };
}

/**
 * After the body is read (its events run outside any request's async context): the logs made while
 * Nest handles the request carry its id and conversation.
 */
export function requestLogContext(logging: Logging): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const conversationId = conversationIdOf(req.originalUrl);
    logging.scoped.runInContext(() => next(), { bindings: { reqId: req.id, ...(conversationId ? { conversationId } : {}) } });
  };
}

/** Once the guard knows who is calling, the request's later logs say so. */
export class LogUserInterceptor implements NestInterceptor {
  constructor(private readonly logging: Logging) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const userId = context.switchToHttp().getRequest<LoggedRequest>().user?.id;
      if (userId) {
        try {
          this.logging.scoped.assign({ userId });
        } catch {
          // Not inside a request's logging context (mounted without requestLogContext): nothing to add to.
        }
      }
    }
    return next.handle();
  }
}
