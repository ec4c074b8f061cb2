import type { ServerResponse } from 'node:http';
import type { ChannelKind } from '@rapport/shared';
import { sendJson } from './http-util.js';
import { fbtraceId } from './ids.js';

/**
 * The error answers of each platform, as documented in shared/fixtures/channels (status code, body and
 * rate-limit headers), for the faults a test or a person can inject with `failNext`.
 */

export const FAULTS = ['rate-limit', 'server-error', 'outside-window', 'invalid-token', 'lost-answer'] as const;
export type Fault = (typeof FAULTS)[number];
/** The faults that answer with an error; `lost-answer` accepts the request and drops the connection instead of answering. */
export type ErrorFault = Exclude<Fault, 'lost-answer'>;

export function isFault(value: unknown): value is Fault {
  return typeof value === 'string' && (FAULTS as readonly string[]).includes(value);
}

export interface PlatformAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Seconds until a simulated rate limit resets: short, so retries in tests and demos succeed soon. */
export const RATE_LIMIT_RESET_SECONDS = 2;

export function graphError(code: number, message: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: fbtraceId() } };
}

/** Graph's usual answer to a bad parameter: HTTP 400, code 100. */
export function graphBadRequest(message: string): PlatformAnswer {
  return { status: 400, body: graphError(100, message) };
}

export function graphInvalidToken(): PlatformAnswer {
  return { status: 401, body: graphError(190, 'Invalid OAuth access token - Cannot parse access token') };
}

export function xProblem(status: number, title: string, detail = title): PlatformAnswer {
  return { status, body: { title, detail, type: 'about:blank', status } };
}

export function telegramError(errorCode: number, description: string, parameters?: Record<string, unknown>): PlatformAnswer {
  return { status: errorCode, body: { ok: false, error_code: errorCode, description, ...(parameters ? { parameters } : {}) } };
}

export function mastodonError(status: number, error: string): PlatformAnswer {
  return { status, body: { error } };
}

function whatsappError(status: number, code: number, title: string, details: string): PlatformAnswer {
  return { status, body: graphError(code, `(#${code}) ${title}`, { error_data: { messaging_product: 'whatsapp', details } }) };
}

export function sendAnswer(res: ServerResponse, answer: PlatformAnswer): void {
  sendJson(res, answer.status, answer.body, answer.headers ?? {});
}

/** What the platform behind `kind` answers when `fault` strikes. */
export function faultAnswer(kind: ChannelKind, fault: ErrorFault, now: number = Date.now()): PlatformAnswer {
  const resetEpoch = Math.floor(now / 1000) + RATE_LIMIT_RESET_SECONDS;
  switch (kind) {
    case 'facebook':
    case 'instagram':
      switch (fault) {
        case 'rate-limit':
          return { status: 400, body: graphError(613, '(#613) Calls to this API have exceeded the rate limit.') };
        case 'server-error':
          return { status: 500, body: graphError(2, 'An unexpected error has occurred. Please retry your request later.', { is_transient: true }) };
        case 'outside-window':
          return { status: 400, body: graphError(10, '(#10) This message is sent outside of allowed window.', { error_subcode: 2018278 }) };
        case 'invalid-token':
          return graphInvalidToken();
      }
      break;
    case 'whatsapp':
      switch (fault) {
        case 'rate-limit':
          return whatsappError(400, 130429, 'Rate limit hit', 'Cloud API message throughput has been reached.');
        case 'server-error':
          return whatsappError(500, 131000, 'Something went wrong', 'Something went wrong. Please try again later.');
        case 'outside-window':
          return whatsappError(
            400,
            131047,
            'Re-engagement message',
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          );
        case 'invalid-token':
          return graphInvalidToken();
      }
      break;
    case 'x':
      switch (fault) {
        case 'rate-limit':
          return {
            ...xProblem(429, 'Too Many Requests'),
            headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetEpoch) },
          };
        case 'server-error':
          return xProblem(500, 'Internal Server Error');
        case 'outside-window':
          return xProblem(403, 'Forbidden', 'You are not permitted to send messages to this user.');
        case 'invalid-token':
          return xProblem(401, 'Unauthorized');
      }
      break;
    case 'telegram':
      switch (fault) {
        case 'rate-limit':
          return telegramError(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
        case 'server-error':
          return telegramError(500, 'Internal Server Error');
        case 'outside-window':
          return telegramError(403, 'Forbidden: bot was blocked by the user');
        case 'invalid-token':
          return telegramError(401, 'Unauthorized');
      }
      break;
    case 'mastodon':
      switch (fault) {
        case 'rate-limit':
          return {
            ...mastodonError(429, 'Too many requests'),
            headers: {
              'x-ratelimit-limit': '300',
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': new Date(resetEpoch * 1000).toISOString(),
            },
          };
        case 'server-error':
          return mastodonError(500, "We're sorry, but something went wrong on our end.");
        case 'outside-window':
          return mastodonError(403, 'This action is not allowed');
        case 'invalid-token':
          return mastodonError(401, 'The access token is invalid');
      }
      break;
    case 'api':
      switch (fault) {
        case 'rate-limit':
          return { status: 429, body: { error: 'Too many requests' }, headers: { 'retry-after': '1' } };
        case 'server-error':
          return { status: 500, body: { error: 'Internal server error' } };
        case 'outside-window':
          return { status: 403, body: { error: 'Forbidden' } };
        case 'invalid-token':
          return { status: 401, body: { error: 'Invalid signature' } };
      }
      break;
  }
  return { status: 500, body: { error: 'unknown fault' } };
}
