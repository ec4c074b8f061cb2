import type { ApiError } from '@rapport/shared';
import { clearSession, getAccessToken } from './session-store';

/** A failed API call, carrying the server's `{ statusCode, error, message }` body. */
export class ApiRequestError extends Error implements ApiError {
  readonly statusCode: number;
  readonly error: string;

  constructor(body: ApiError) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.statusCode = body.statusCode;
    this.error = body.error;
  }

  /** True for failures that retrying cannot fix. */
  get isClientError(): boolean {
    return this.statusCode >= 400 && this.statusCode < 500;
  }
}

/** Status code used when the request never got an HTTP answer. */
export const NETWORK_ERROR_STATUS = 0;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** Login is the one call made without a token; its 401 must not end the session. */
  anonymous?: boolean;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

function messageOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  // Validation pipes sometimes answer with a list of messages.
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join('; ');
  return null;
}

export function toApiError(status: number, statusText: string, body: unknown): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  return {
    statusCode: typeof record.statusCode === 'number' ? record.statusCode : status,
    error: typeof record.error === 'string' ? record.error : statusText || 'Error',
    message: messageOf(record.message) ?? (statusText || `Request failed with status ${status}`),
  };
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = options.anonymous ? null : getAccessToken();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError({
      statusCode: NETWORK_ERROR_STATUS,
      error: 'Network Error',
      message: 'Cannot reach the server. Check your connection and try again.',
    });
  }

  const body = await readBody(response);
  if (!response.ok) {
    // An expired or revoked token: go back to the login page instead of failing every query.
    if (response.status === 401 && !options.anonymous) clearSession();
    throw new ApiRequestError(toApiError(response.status, response.statusText, body));
  }
  return body as T;
}
