import type { ApiError, LoginResponse } from '@rapport/shared';
import { clearSession, getAccessToken, getSession, saveSession } from './session-store';

/** A failed API call, carrying the server's `{ statusCode, error, message }` body. */
export class ApiRequestError extends Error implements ApiError {
  readonly statusCode: number;
  readonly error: string;
  /** With 429 (and 503): when to try again, from the body or the Retry-After header. */
  readonly retryAfterSeconds: number | null;
  /** With 404 for a customer merged away: the customer it went to. */
  readonly mergedIntoId: string | null;

  constructor(body: ApiError, retryAfterSeconds: number | null = null, mergedIntoId: string | null = null) {
    super(body.message);
    this.name = 'ApiRequestError';
    this.statusCode = body.statusCode;
    this.error = body.error;
    this.retryAfterSeconds = retryAfterSeconds;
    this.mergedIntoId = mergedIntoId;
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
  /** Calls made without a token (login, refresh, logout): their 401 must not end or renew the session. */
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

/** Seconds to wait, from a `retryAfterSeconds` in the body or else the Retry-After header (seconds form). */
export function retryAfterOf(body: unknown, header: string | null): number | null {
  const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).retryAfterSeconds : undefined;
  if (typeof fromBody === 'number' && Number.isFinite(fromBody) && fromBody >= 0) return fromBody;
  const fromHeader = header !== null && /^\d+$/.test(header.trim()) ? Number(header.trim()) : null;
  return fromHeader;
}

function mergedIntoOf(body: unknown): string | null {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).mergedIntoId : undefined;
  return typeof value === 'string' ? value : null;
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

/** The one refresh in flight: every call refused meanwhile waits for it rather than starting its own. */
let renewing: Promise<boolean> | null = null;

/** Across tabs too: they share the session, and a refresh token used twice ends it (the server sees a theft). */
function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? locks.request('rapport.session-refresh', work) : work();
}

async function refreshOnce(refusedToken: string | null): Promise<boolean> {
  const session = getSession();
  if (!session) return false;
  // Another call or tab renewed it meanwhile: its token is ours too.
  if (session.accessToken !== refusedToken) return true;
  if (!session.refreshToken) {
    clearSession();
    return false;
  }
  let response: Response;
  try {
    response = await fetch(buildUrl('/auth/refresh'), {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
  } catch {
    // Offline: keep the session, the next call tries again.
    return false;
  }
  if (!response.ok) {
    // Refused (ended, reused, deactivated): back to the login page. A server in trouble keeps the session.
    if (response.status >= 400 && response.status < 500) clearSession();
    return false;
  }
  saveSession((await response.json()) as LoginResponse);
  return true;
}

/**
 * Renews the session after the server refused `refusedToken`: one refresh at a time, shared by every caller.
 * True when there is a fresh token to try; false when not (the session is gone if the server said no).
 */
export function renewSession(refusedToken: string | null): Promise<boolean> {
  renewing ??= withRefreshLock(() => refreshOnce(refusedToken)).finally(() => {
    renewing = null;
  });
  return renewing;
}

function withToken(init: RequestInit, token: string | null): RequestInit {
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  else headers.delete('Authorization');
  return { ...init, headers };
}

/**
 * fetch with the session's access token. A 401 renews the session once and sends the request again; a
 * 401 to the fresh token too ends the session (the account was deactivated).
 */
export async function authorizedFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const token = getAccessToken();
  const response = await fetch(url, withToken(init, token));
  if (response.status !== 401 || token === null) return response;
  if (!(await renewSession(token))) return response;
  const retried = await fetch(url, withToken(init, getAccessToken()));
  if (retried.status === 401) clearSession();
  return retried;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  const init: RequestInit = {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  };
  const url = buildUrl(path, options.query);

  let response: Response;
  try {
    response = options.anonymous ? await fetch(url, init) : await authorizedFetch(url, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiRequestError({
      statusCode: NETWORK_ERROR_STATUS,
      error: 'Network Error',
      message: 'Cannot reach the server. Check your connection and try again.',
    });
  }

  const body = await readBody(response);
  if (!response.ok) throw new ApiRequestError(toApiError(response.status, response.statusText, body), retryAfterOf(body, response.headers.get('Retry-After')), mergedIntoOf(body));
  return body as T;
}
