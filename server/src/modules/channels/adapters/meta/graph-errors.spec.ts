import { describe, expect, it } from '@jest/globals';
import { PlatformError } from '../../channel-adapter.js';
import { classifyGraphError, graphErrorOf, graphRetryAfterMs } from './graph-errors.js';
import { fixture } from './fixtures.testing.js';

const WINDOW = "Outside Meta's 24-hour reply window: the customer must write first (or use a message tag/template)";

function graph(code: number, extra: Record<string, unknown> = {}, status = 400, headers: Record<string, string> = {}): PlatformError {
  return new PlatformError('Bad Request', status, { error: { message: `(#${code}) something`, type: 'OAuthException', code, fbtrace_id: 'x', ...extra } }, headers);
}

describe('classifyGraphError', () => {
  describe('fixtures', () => {
    it('gives up outside the 24-hour window (meta-send-api-error-outside-window.json)', () => {
      const error = new PlatformError('Bad Request', 400, fixture('meta-send-api-error-outside-window.json'));
      expect(classifyGraphError(error)).toEqual({ retry: false, reason: `${WINDOW} (10/2018278)` });
    });

    it('retries the 613 rate limit (meta-send-api-error-rate-limit.json)', () => {
      const error = new PlatformError('Bad Request', 400, fixture('meta-send-api-error-rate-limit.json'));
      expect(classifyGraphError(error)).toEqual({ retry: true, reason: expect.stringMatching(/rate limit.*\(613\)/i) });
    });

    it('gives up outside the WhatsApp service window (whatsapp-send-error-outside-window.json)', () => {
      const error = new PlatformError('Bad Request', 400, fixture('whatsapp-send-error-outside-window.json'));
      expect(classifyGraphError(error)).toEqual({ retry: false, reason: "Outside WhatsApp's 24-hour customer service window: send an approved template (131047)" });
    });
  });

  it.each([
    [2, 'temporary error', /Temporary Meta error.*\(2\)/],
    [4, 'application request limit', /Rate limited.*\(4\)/],
    [17, 'user request limit', /Rate limited.*\(17\)/],
    [32, 'page request limit', /Rate limited.*\(32\)/],
    [80007, 'business use case limit', /Rate limited.*\(80007\)/],
    [130429, 'WhatsApp throughput', /Rate limited.*\(130429\)/],
    [131056, 'WhatsApp pair rate limit', /Rate limited.*\(131056\)/],
    [131000, 'WhatsApp generic error', /Temporary.*\(131000\)/],
    [131016, 'WhatsApp service unavailable', /Temporary.*\(131016\)/],
  ])('retries code %i (%s)', (code, _what, reason) => {
    expect(classifyGraphError(graph(code))).toEqual({ retry: true, reason: expect.stringMatching(reason) });
  });

  it.each([
    [551, {}, 'The person is not available right now (blocked or unreachable) (551)'],
    [551, { error_subcode: 1545041 }, 'The person is not available right now (blocked or unreachable) (551/1545041)'],
    [190, { error_subcode: 463 }, 'The page access token is invalid or expired: reconnect the channel (190/463)'],
    [131047, {}, "Outside WhatsApp's 24-hour customer service window: send an approved template (131047)"],
    [131026, {}, 'Message undeliverable (131026)'],
    [10, {}, `${WINDOW} (10)`],
    [10, { error_subcode: 2018278, message: '(#10) This message is sent outside of allowed window.' }, `${WINDOW} (10/2018278)`],
  ])('gives up on code %i %j', (code, extra, reason) => {
    expect(classifyGraphError(graph(code, extra))).toEqual({ retry: false, reason });
  });

  it.each([
    [10, '(#10) Application does not have permission for this action'],
    [200, '(#200) Requires pages_messaging permission to manage the object'],
    [230, '(#230) Requires pages_messaging_subscriptions permission'],
  ])('gives up on the permission error %i and says so', (code, message) => {
    expect(classifyGraphError(graph(code, { message }))).toEqual({ retry: false, reason: `The app lacks the permission for this action: ${message} (${code})` });
  });

  describe('rate-limit timing', () => {
    it('uses Retry-After when Meta sends it', () => {
      expect(classifyGraphError(graph(613, {}, 400, { 'retry-after': '30' })).retryAfterMs).toBe(30_000);
      expect(classifyGraphError(graph(130429, {}, 429, { 'retry-after': '5' })).retryAfterMs).toBe(5_000);
    });

    it("falls back to the business-use-case header's minutes", () => {
      const usage = JSON.stringify({ '104857600012345': [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 7 }] });
      expect(classifyGraphError(graph(80006, {}, 400, { 'x-business-use-case-usage': usage })).retryAfterMs).toBe(7 * 60_000);
    });

    it('leaves the delay to the default backoff without a hint, or with an unreadable one', () => {
      expect(classifyGraphError(graph(4)).retryAfterMs).toBeUndefined();
      expect(graphRetryAfterMs({ 'x-business-use-case-usage': '{not json' })).toBeUndefined();
      expect(graphRetryAfterMs({ 'x-business-use-case-usage': '{"1":[{"estimated_time_to_regain_access":0}]}' })).toBeUndefined();
    });
  });

  describe('codes it does not know', () => {
    it("gives up on a 4xx with Meta's message and details", () => {
      const error = graph(100, { message: '(#100) Param recipient[id] must be a valid ID', error_subcode: 2018001, error_data: { details: 'No matching user found' } });
      expect(classifyGraphError(error)).toEqual({ retry: false, reason: '(#100) Param recipient[id] must be a valid ID: No matching user found (100/2018001)' });
    });

    it('retries a 5xx', () => {
      expect(classifyGraphError(graph(99999, {}, 503))).toEqual({ retry: true, reason: '(#99999) something (99999)' });
    });
  });

  describe('errors without a Graph body', () => {
    it.each([
      ['a 500', new PlatformError('Internal Server Error', 500, '<html>oops</html>'), true],
      ['a 502 with a JSON body that is no Graph error', new PlatformError('Bad Gateway', 502, { message: 'upstream' }), true],
      ['a 429', new PlatformError('Too Many Requests', 429, null), true],
      ['a network error', new PlatformError('ECONNREFUSED', null), true],
      ['an unexpected exception', new TypeError('fetch failed'), true],
      ['a 400', new PlatformError('Bad Request', 400, 'nope'), false],
      ['a 401', new PlatformError('Unauthorized', 401, null), false],
    ])('falls back to the HTTP verdict for %s', (_what, error, retry) => {
      expect(classifyGraphError(error).retry).toBe(retry);
    });
  });
});

describe('graphErrorOf', () => {
  it('reads code, subcode, message and details', () => {
    expect(graphErrorOf(fixture('whatsapp-send-error-outside-window.json'))).toEqual({
      code: 131047,
      message: '(#131047) Re-engagement message',
      details: 'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
    });
  });

  it.each([[null], ['text'], [{}], [{ error: 'x' }], [{ error: { code: '10' } }]])('finds no Graph error in %j', (body) => {
    expect(graphErrorOf(body)).toBeNull();
  });
});
