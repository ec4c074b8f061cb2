import type { IncomingMessage, ServerResponse } from 'node:http';
import { safeEqual } from '../modules/channels/signature.js';

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A request body as a flat record of parameters: JSON object, form fields, or nothing. */
export type Params = Record<string, unknown>;

/** A body that did not parse stays `ok: false`: each platform answers that with its own error. */
export type ParsedBody = { ok: true; value: unknown } | { ok: false };

/** One request to the simulator, read and parsed once for whichever stand-in answers it. */
export interface SimRequest {
  method: string;
  /** Without the query string. */
  path: string;
  query: Params;
  raw: Buffer;
  parsed: ParsedBody;
  req: IncomingMessage;
  res: ServerResponse;
}

/**
 * Parses JSON or form bodies (the platforms accept both). Form fields with `[]` collect arrays, and a
 * value that is itself JSON (Telegram sends `reply_parameters` that way in forms) stays a string.
 */
export function parseBody(raw: Buffer, contentType: string | undefined): ParsedBody {
  if (raw.length === 0) return { ok: true, value: {} };
  const text = raw.toString('utf8');
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/x-www-form-urlencoded')) return { ok: true, value: paramsOf(new URLSearchParams(text)) };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

export function paramsOf(search: URLSearchParams): Params {
  const out: Params = {};
  for (const [key, value] of search) {
    if (key.endsWith('[]')) {
      const list = (out[key] as string[] | undefined) ?? [];
      list.push(value);
      out[key] = list;
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** An integer parameter given as a number or a decimal string. */
export function int(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1];
}

/** Whether a token was given and is the expected one (compared in constant time). */
export function tokenMatches(token: string | undefined, expected: string): boolean {
  return !!token && safeEqual(token, expected);
}

export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * JSON as Meta delivers it: compact, with every non-ASCII character escaped as `\uXXXX` (lowercase hex),
 * which is the exact byte string the signature covers.
 */
export function metaJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
