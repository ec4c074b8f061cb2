import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';

export interface BodyLimit {
  bytes: number;
  /** How the limit reads in an answer: "1 MB for webhooks". */
  label: string;
}

const KB = 1024;
/** Platforms batch events into one webhook; a Meta or X batch stays well under this. */
export const WEBHOOK_BODY_LIMIT: BodyLimit = { bytes: 1024 * KB, label: '1 MB for webhooks' };
/** The API takes replies, notes and settings: text, never files. */
export const API_BODY_LIMIT: BodyLimit = { bytes: 256 * KB, label: '256 KB for API requests' };

export function bodyLimitFor(path: string): BodyLimit {
  return /^\/webhooks(\/|$)/.test(path) ? WEBHOOK_BODY_LIMIT : API_BODY_LIMIT;
}

export const tooLargeMessage = (limit: BodyLimit): string => `Request body too large: at most ${limit.label}`;

/** The Content-Length a request declares, or null without one (chunked, or no body). */
export function declaredLength(headers: IncomingMessage['headers']): number | null {
  const value = headers['content-length'];
  if (value === undefined) return null;
  const length = Number(value);
  return Number.isSafeInteger(length) && length >= 0 ? length : null;
}

export interface ErrorAnswer {
  statusCode: number;
  error: string;
  message: string;
}

interface ParserError {
  type?: unknown;
  status?: unknown;
  message?: unknown;
  charset?: unknown;
  encoding?: unknown;
}

const REASONS: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 413: 'Payload Too Large', 415: 'Unsupported Media Type' };
const answer = (statusCode: number, message: string): ErrorAnswer => ({ statusCode, error: REASONS[statusCode] ?? 'Bad Request', message });
const quoted = (value: unknown): string => (typeof value === 'string' ? ` "${value}"` : '');

/** What a body-parser error means for the caller, as a JSON answer; null for anything that is not one. */
export function parserErrorAnswer(err: unknown, limit: BodyLimit): ErrorAnswer | null {
  if (typeof err !== 'object' || err === null) return null;
  const { type, status, message, charset, encoding } = err as ParserError;
  switch (type) {
    case 'entity.too.large':
      return answer(413, tooLargeMessage(limit));
    case 'parameters.too.many':
      return answer(413, 'Too many form parameters');
    case 'entity.parse.failed':
      return answer(400, `Malformed request body: ${typeof message === 'string' ? message : 'it does not parse'}`);
    case 'charset.unsupported':
      return answer(415, `Unsupported charset${quoted(charset)}: send UTF-8`);
    case 'encoding.unsupported':
      return answer(415, `Unsupported content encoding${quoted(encoding)}: send identity, gzip, deflate or br`);
    case 'request.aborted':
      return answer(400, 'The request was aborted before its body arrived');
    case 'request.size.invalid':
      return answer(400, 'The body is not as long as Content-Length says');
    default:
      // Other errors of the parsers' own (a stream that cannot be read) are still about this request.
      if (typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500) {
        return answer(status, typeof message === 'string' ? message : 'The request body could not be read');
      }
      return null;
  }
}

function sendAnswer(res: ServerResponse, body: ErrorAnswer, close: boolean): void {
  if (res.headersSent) return;
  // The rest of an oversized upload is not worth reading: the connection ends with the answer.
  if (close) res.setHeader('Connection', 'close');
  res.statusCode = body.statusCode;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

type RawBodyRequest = IncomingMessage & { rawBody?: Buffer };
/** Signature checks need the bytes as they came (Nest's `rawBody`). */
const keepRawBody = (req: RawBodyRequest, _res: ServerResponse, buffer: Buffer): void => {
  if (Buffer.isBuffer(buffer)) req.rawBody = buffer;
};

function parsersFor(limit: BodyLimit): RequestHandler[] {
  return [express.json({ limit: limit.bytes, verify: keepRawBody }), express.urlencoded({ extended: true, limit: limit.bytes, verify: keepRawBody })];
}

/**
 * JSON and form bodies, limited per path (webhooks 1 MB, everything else 256 KB). A Content-Length over
 * the limit is answered 413 before a byte of the body is read; a chunked body is cut off with a 413 as
 * soon as it passes the limit (the parsers alone would read all of it first).
 */
export function bodyParsing(): RequestHandler {
  const parsers = new Map<BodyLimit, RequestHandler[]>([WEBHOOK_BODY_LIMIT, API_BODY_LIMIT].map((limit) => [limit, parsersFor(limit)]));
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = bodyLimitFor(req.path);
    const declared = declaredLength(req.headers);
    if (declared !== null && declared > limit.bytes) return sendAnswer(res, answer(413, tooLargeMessage(limit)), true);
    if (declared === null && req.headers['transfer-encoding'] !== undefined) {
      let seen = 0;
      const count = (chunk: Buffer): void => {
        seen += chunk.length;
        if (seen <= limit.bytes) return;
        req.off('data', count);
        sendAnswer(res, answer(413, tooLargeMessage(limit)), true);
      };
      // Attached in the same tick as the parser's own listener below, so both see every chunk.
      req.on('data', count);
    }
    const [json, urlencoded] = parsers.get(limit)!;
    json!(req, res, (err?: unknown) => (err ? next(err) : urlencoded!(req, res, next)));
  };
}

/** Parser errors (malformed JSON, too large, wrong charset) as JSON 4xx with the reason, never Express's HTML page. */
export function bodyParserErrors(): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    const body = parserErrorAnswer(err, bodyLimitFor(req.path));
    if (!body) return next(err);
    // Already answered (a chunked body cut off at the limit): nothing left to say.
    if (res.headersSent) return;
    sendAnswer(res, body, body.statusCode === 413);
  };
}
