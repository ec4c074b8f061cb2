import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { MalformedPayloadError, PlatformError, type ChannelContext, type InboundItem } from '../channel-adapter.js';
import { baseUrlOf, compareIds, configString, itemOrUnreadable, itemsOrUnreadable, msUntil, newestId, parsePayload, platformIdSchema, requireSecret } from './adapter-kit.js';
import { requestJsonWithHeaders } from '../http-errors.js';
import { closedPortUrl, FakePlatform } from './fake-platform.testing.js';
import { rejectionOf } from './meta/fixtures.testing.js';

const channel = (config: Record<string, unknown>, secrets: Record<string, string> = {}): ChannelContext => ({ id: 'c', kind: 'x', key: null, config, secrets });

describe('compareIds / newestId', () => {
  it.each([
    ['999', '1000', -1],
    ['1000', '999', 1],
    ['1958118899001122334', '1958112233445566778', 1],
    // Equal as JavaScript numbers, different as ids.
    ['9007199254740993', '9007199254740992', 1],
    ['42', '42', 0],
  ])('%s vs %s', (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });

  it('finds the newest, starting from a cursor', () => {
    expect(newestId(['999', '1000', '998'])).toBe('1000');
    expect(newestId([], '5')).toBe('5');
    expect(newestId([], null)).toBeNull();
    expect(newestId(['3'], '10')).toBe('10');
  });
});

describe('msUntil', () => {
  it('counts down to the reset, at least one second', () => {
    expect(msUntil(10_000, 4_000)).toBe(6_000);
    expect(msUntil(4_000, 10_000)).toBe(1_000);
  });
});

describe('config helpers', () => {
  it('reads non-empty string settings only', () => {
    expect(configString(channel({ a: 'x', b: '', c: 5 }), 'a')).toBe('x');
    expect(configString(channel({ a: 'x', b: '', c: 5 }), 'b')).toBeUndefined();
    expect(configString(channel({ a: 'x', b: '', c: 5 }), 'c')).toBeUndefined();
  });

  it('takes the first base URL given, without trailing slash', () => {
    expect(baseUrlOf(undefined, '', 'https://a.example/', 'https://b.example')).toBe('https://a.example');
    expect(() => baseUrlOf(undefined)).toThrow(/base URL/);
  });

  it('needs the secret, as a permanent failure', () => {
    expect(requireSecret(channel({}, { token: 't' }), 'token')).toBe('t');
    const error = (() => {
      try {
        return requireSecret(channel({}), 'token');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).status).toBe(401);
  });
});

describe('parsePayload / itemOrUnreadable', () => {
  it('names the offending field', () => {
    expect(() => parsePayload(z.object({ id: z.string() }), { id: 1 }, 'thing')).toThrow(new MalformedPayloadError('thing: id: Invalid input: expected string, received number'));
  });

  it('turns a malformed entry into an unreadable item with its page, and lets other errors through', () => {
    const strict = (): InboundItem => {
      parsePayload(z.object({ id: z.string() }), {}, 'post');
      return { kind: 'ignored', reason: 'parsed' };
    };
    expect(itemOrUnreadable(strict, { data: [{}] })).toEqual({ kind: 'unreadable', reason: expect.stringMatching(/^post: id/), raw: '{"data":[{}]}' });
    expect(itemOrUnreadable(strict)).toEqual({ kind: 'unreadable', reason: expect.stringMatching(/^post: id/) });
    expect(() => itemOrUnreadable(() => { throw new TypeError('bug'); })).toThrow(TypeError);
  });

  it('passes readable items through', () => {
    expect(itemsOrUnreadable(() => [{ kind: 'ignored', reason: 'a' }, { kind: 'ignored', reason: 'b' }])).toHaveLength(2);
  });
});

describe('platformIdSchema', () => {
  it.each([
    ['a string id', '109876543210', '109876543210'],
    ['a numeric id', 109876543210, '109876543210'],
  ])('reads %s as a string', (_what, value, id) => {
    expect(platformIdSchema.parse(value)).toBe(id);
  });

  it.each([[''], [-1], [1.5], [true], [null]])('refuses %j', (value) => {
    expect(platformIdSchema.safeParse(value).success).toBe(false);
  });
});

describe('requestJsonWithHeaders', () => {
  const platform = new FakePlatform();
  beforeAll(() => platform.start());
  afterAll(() => platform.stop());
  beforeEach(() => platform.reset());

  it('returns the body and the lowercased headers of a success', async () => {
    platform.answer({ status: 200, body: { ok: 1 }, headers: { 'X-Rate-Limit-Remaining': '0' } });
    const { body, headers } = await requestJsonWithHeaders(`${platform.url}/a`, { method: 'GET' });
    expect(body).toEqual({ ok: 1 });
    expect(headers['x-rate-limit-remaining']).toBe('0');
  });

  it('throws a PlatformError with status, body and headers on a refusal', async () => {
    platform.answer({ status: 429, body: { error: 'slow' }, headers: { 'X-RateLimit-Reset': '2026-08-20T09:00:00.000Z' } });
    const error = (await rejectionOf(requestJsonWithHeaders(`${platform.url}/a`, { method: 'GET' }))) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error.status).toBe(429);
    expect(error.body).toEqual({ error: 'slow' });
    expect(error.headers['x-ratelimit-reset']).toBe('2026-08-20T09:00:00.000Z');
  });

  it('keeps a text body as the error message', async () => {
    platform.answer({ status: 502, body: 'Bad gateway' });
    const error = (await rejectionOf(requestJsonWithHeaders(`${platform.url}/a`, { method: 'GET' }))) as PlatformError;
    expect(error.message).toBe('Bad gateway');
  });

  it('throws a PlatformError without status when nothing listens', async () => {
    const error = (await rejectionOf(requestJsonWithHeaders(`${await closedPortUrl()}/a`, { method: 'GET' }))) as PlatformError;
    expect(error.status).toBeNull();
  });
});
