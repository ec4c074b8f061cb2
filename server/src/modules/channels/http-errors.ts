import type { ErrorVerdict } from './channel-adapter.js';
import { PlatformError } from './channel-adapter.js';
import { parseJson } from './exact-json.js';

/** The generic part of every adapter's error verdict: network trouble, 429 and 5xx are worth retrying. */
export function classifyHttpError(error: unknown): ErrorVerdict {
  if (error instanceof PlatformError) {
    const { status } = error;
    if (status === null) return { retry: true, reason: `Network error: ${error.message}` };
    if (status === 429) {
      const retryAfter = Number(error.headers['retry-after']);
      return { retry: true, reason: 'Rate limited by the platform', ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) };
    }
    if (status >= 500) return { retry: true, reason: `Platform error ${status}: ${error.message}` };
    if (status === 401 || status === 403) return { retry: false, reason: `Rejected by the platform (${status}): check the channel's credentials` };
    return { retry: false, reason: `Rejected by the platform (${status}): ${error.message}` };
  }
  return { retry: true, reason: error instanceof Error ? `Network error: ${error.message}` : 'Unknown error' };
}

/** A platform's id for what we sent, when it gave a usable one (ids are strings; numbers are taken as-is). */
export function platformId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string' || value === '' || value.length > 200) return null;
  return value;
}

export interface JsonResponse {
  body: unknown;
  /** Lowercased header names. */
  headers: Record<string, string>;
}

/**
 * fetch with a timeout; a non-2xx answer becomes a PlatformError carrying status, body and headers. A
 * success returns the headers too: polled platforms announce an exhausted rate limit on the last
 * successful answer (`x-rate-limit-remaining: 0`), not only with a 429.
 */
export async function requestJsonWithHeaders(url: string, init: RequestInit & { timeoutMs?: number }): Promise<JsonResponse> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(init.timeoutMs ?? 15000) });
  } catch (err) {
    const failure = new PlatformError(err instanceof Error ? err.message : String(err), null);
    // Kept so outbound can tell a connection never made (nothing sent) from an answer that never came.
    failure.cause = err;
    throw failure;
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    // Ids beyond 2^53 sent as numbers stay exact (as digit strings).
    body = text ? parseJson(text) : null;
  } catch {
    // Not JSON: keep the text for the error message.
  }
  const headers = Object.fromEntries(response.headers.entries());
  if (!response.ok) {
    throw new PlatformError(typeof body === 'string' && body ? body.slice(0, 300) : response.statusText, response.status, body, headers);
  }
  return { body, headers };
}

/** The body of a successful JSON answer (see requestJsonWithHeaders). */
export async function requestJson(url: string, init: RequestInit & { timeoutMs?: number }): Promise<unknown> {
  return (await requestJsonWithHeaders(url, init)).body;
}
