import { describe, expect, it } from '@jest/globals';
import { MalformedPayloadError, PlatformError } from '../../channels/channel-adapter.js';
import { certainlyNotSent, deliveryUnknownReason, planInterruptedSend } from './interrupted-send.js';

const networkError = (cause: unknown): PlatformError => {
  const error = new PlatformError('fetch failed', null);
  error.cause = cause;
  return error;
};

describe('certainlyNotSent', () => {
  it.each<[string, unknown, boolean]>([
    ['a platform refusal (400)', new PlatformError('bad request', 400), true],
    ['a platform error answer (500)', new PlatformError('oops', 500), true],
    ['a rate limit (429)', new PlatformError('slow down', 429), true],
    ['connection refused', networkError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), true],
    ['host not found', networkError(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' })), true],
    ['refused on every address', networkError(Object.assign(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]), {})), true],
    ['connect timeout', networkError(Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' })), true],
    ['our own code before any request', new Error('channel has no base URL'), true],
    ['a timeout waiting for the answer', networkError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), false],
    ['a connection reset after the request', networkError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' })), false],
    ['a network error without a cause', new PlatformError('fetch failed', null), false],
    ['an answer we could not read', new MalformedPayloadError('not JSON'), false],
  ])('%s → %s', (_, error, expected) => {
    expect(certainlyNotSent(error)).toBe(expected);
  });
});

describe('planInterruptedSend', () => {
  const startedAt = new Date('2026-08-20T08:00:00Z');
  const after = (ms: number) => new Date(startedAt.getTime() + ms);

  it.each<[string, { idempotencyWindowMs?: number; canCheck: boolean }, number, string]>([
    ['idempotency key within its window', { idempotencyWindowMs: 3_600_000, canCheck: false }, 60_000, 'resend'],
    ['idempotency key near the end of its window, with a check', { idempotencyWindowMs: 3_600_000, canCheck: true }, 3_500_000, 'check'],
    ['idempotency key expired, no check', { idempotencyWindowMs: 3_600_000, canCheck: false }, 4_000_000, 'give-up'],
    ['a sent-check', { canCheck: true }, 60_000, 'check'],
    ['nothing', { canCheck: false }, 1_000, 'give-up'],
  ])('%s → %s', (_, guarantees, elapsed, action) => {
    expect(planInterruptedSend(guarantees, startedAt, after(elapsed)).action).toBe(action);
  });
});

describe('deliveryUnknownReason', () => {
  it('says what happened and what the agent should do', () => {
    const reason = deliveryUnknownReason('telegram', 'no-check');
    expect(reason).toMatch(/^Delivery unknown/);
    expect(reason).toMatch(/Telegram offers no way to check/);
    expect(reason).toMatch(/before sending it again/);
  });
});
