import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../../config/env.js';
import { MalformedPayloadError, PlatformError, type ChannelContext, type InboundMessage, type OutboundContext, type WebhookRequest } from '../../channel-adapter.js';
import { hmacSha256Hex } from '../../signature.js';
import { API_SIGNATURE_HEADER, ApiChannelAdapter } from './api.adapter.js';

const SECRET = 'channel-secret';
const config = loadConfig({ NODE_ENV: 'test' });
const adapter = new ApiChannelAdapter();

function channel(overrides: Partial<ChannelContext> = {}): ChannelContext {
  return { id: '00000000-0000-4000-8000-000000000001', kind: 'api', key: 'demo', config: {}, secrets: { secret: SECRET }, ...overrides };
}

function request(raw: string, headers: Record<string, string> = {}): WebhookRequest {
  return { rawBody: Buffer.from(raw), headers, query: {}, params: {} };
}

const signed = (raw: string, secret = SECRET): Record<string, string> => ({ [API_SIGNATURE_HEADER]: `sha256=${hmacSha256Hex(secret, raw)}` });

function parseError(body: unknown): MalformedPayloadError {
  try {
    adapter.parse!(body);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return err;
    throw err;
  }
  throw new Error('parse accepted a malformed body');
}

describe('ApiChannelAdapter', () => {
  describe('verify', () => {
    const raw = '{"id":"m1","from":{"id":"c1"},"text":"hi"}';

    it('accepts a body signed with the channel secret', () => {
      expect(adapter.verify!(request(raw, signed(raw)), channel(), config)).toEqual({ ok: true });
    });

    it('refuses a body signed with another secret', () => {
      expect(adapter.verify!(request(raw, signed(raw, 'forger')), channel(), config)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
    });

    it('refuses a signature over other bytes', () => {
      expect(adapter.verify!(request(raw.replace('hi', 'ho'), signed(raw)), channel(), config).ok).toBe(false);
    });

    it('refuses a request without signature, naming the header', () => {
      expect(adapter.verify!(request(raw), channel(), config)).toEqual({ ok: false, reason: expect.stringMatching(/X-Rapport-Signature/i) });
    });

    it('refuses everything on a channel without a secret, even an "empty-secret" signature', () => {
      expect(adapter.verify!(request(raw, signed(raw, '')), channel({ secrets: {} }), config)).toEqual({ ok: false, reason: expect.stringMatching(/secret/) });
      expect(adapter.verify!(request(raw, signed(raw, '')), channel({ secrets: { secret: '' } }), config).ok).toBe(false);
    });
  });

  describe('parse', () => {
    it('turns a valid body into one inbound message with the given timestamp', () => {
      const items = adapter.parse!({ id: 'm1', from: { id: 'c1', name: 'Ada' }, text: 'Where is my parcel?', timestamp: '2024-05-01T10:00:00+02:00' });
      expect(items).toEqual([
        {
          kind: 'message',
          externalId: 'm1',
          sender: { externalId: 'c1', name: 'Ada' },
          text: 'Where is my parcel?',
          attachments: [],
          sentAt: new Date('2024-05-01T08:00:00.000Z'),
        },
      ]);
    });

    it('dates a message without timestamp now', () => {
      const before = Date.now();
      const [item] = adapter.parse!({ id: 'm2', from: { id: 'c1' }, text: 'hello' }) as InboundMessage[];
      const after = Date.now();
      expect(item!.sentAt.getTime()).toBeGreaterThanOrEqual(before);
      expect(item!.sentAt.getTime()).toBeLessThanOrEqual(after);
      expect(item!.sender.name).toBeUndefined();
    });

    it('keeps unicode text exactly', () => {
      const text = 'Ça ne marche pas 😡 — 配達されていません\nשלום';
      const [item] = adapter.parse!({ id: 'm3', from: { id: 'c1', name: 'Zoë' }, text }) as InboundMessage[];
      expect(item!.text).toBe(text);
      expect(item!.sender.name).toBe('Zoë');
    });

    it.each([
      ['missing from', { id: 'm1', text: 'hi' }, 'from'],
      ['missing from.id', { id: 'm1', from: {}, text: 'hi' }, 'from.id'],
      ['a numeric id', { id: 42, from: { id: 'c1' }, text: 'hi' }, 'id'],
      ['an empty id', { id: '', from: { id: 'c1' }, text: 'hi' }, 'id'],
      ['a numeric from.id', { id: 'm1', from: { id: 7 }, text: 'hi' }, 'from.id'],
      ['missing text', { id: 'm1', from: { id: 'c1' } }, 'text'],
      ['a timestamp that is not a date', { id: 'm1', from: { id: 'c1' }, text: 'hi', timestamp: 'yesterday' }, 'timestamp'],
      ['a numeric timestamp', { id: 'm1', from: { id: 'c1' }, text: 'hi', timestamp: 1714550400 }, 'timestamp'],
    ])('refuses a body with %s, naming the field', (_what, body, field) => {
      // One "path: problem" sentence per issue, separated by "; ".
      expect(parseError(body).message.split('; ').map((issue) => issue.split(':')[0])).toEqual([field]);
    });

    it.each([[null], ['text'], [[]], [42]])('refuses %j', (body) => {
      expect(parseError(body)).toBeInstanceOf(MalformedPayloadError);
    });
  });

  describe('send', () => {
    let server: Server;
    let baseUrl: string;
    const hits: Array<{ method: string; url: string; headers: IncomingHttpHeaders; raw: string }> = [];
    let answer: { status: number; body: string } = { status: 200, body: '{"id":"platform-1"}' };

    beforeAll(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    });

    const context = (callbackUrl?: string): OutboundContext => ({
      channel: channel({ config: callbackUrl ? { callbackUrl } : {} }),
      messageId: 'msg-1',
      text: 'Sorry — we are on it 🙏',
      recipient: { externalId: 'cust-9', handle: null },
      conversation: { id: 'conv-1', threadKey: '', isPublic: false },
      replyTo: { externalId: 'in-7', meta: {} },
    });

    it('resolves without a platform id when the channel has no callbackUrl', async () => {
      const before = hits.length;
      await expect(adapter.send(context())).resolves.toEqual({ externalId: null });
      expect(hits.length).toBe(before);
    });

    it('posts the reply to the callbackUrl, signed over the exact bytes, and returns its id', async () => {
      answer = { status: 200, body: '{"id":"platform-1"}' };
      const before = hits.length;
      await expect(adapter.send(context(`${baseUrl}/cb`))).resolves.toEqual({ externalId: 'platform-1' });
      expect(hits.length).toBe(before + 1);
      const hit = hits.at(-1)!;
      expect(hit.method).toBe('POST');
      expect(hit.url).toBe('/cb');
      expect(hit.headers['content-type']).toMatch(/^application\/json/);
      expect(hit.headers[API_SIGNATURE_HEADER]).toBe(`sha256=${hmacSha256Hex(SECRET, hit.raw)}`);
      const body = JSON.parse(hit.raw) as Record<string, unknown>;
      expect(body).toMatchObject({ id: 'msg-1', conversationId: 'conv-1', to: { id: 'cust-9' }, text: 'Sorry — we are on it 🙏', inReplyTo: 'in-7' });
      expect(Number.isNaN(Date.parse(String(body.timestamp)))).toBe(false);
    });

    it('returns a null platform id when the callback answers without one', async () => {
      answer = { status: 200, body: '' };
      await expect(adapter.send(context(`${baseUrl}/cb`))).resolves.toEqual({ externalId: null });
    });

    it('returns a null platform id when the callback answers {"id": null}', async () => {
      answer = { status: 200, body: '{"id":null}' };
      await expect(adapter.send(context(`${baseUrl}/cb`))).resolves.toEqual({ externalId: null });
    });

    it('turns a numeric platform id into a string', async () => {
      answer = { status: 200, body: '{"id":12345}' };
      await expect(adapter.send(context(`${baseUrl}/cb`))).resolves.toEqual({ externalId: '12345' });
    });

    it('throws a PlatformError carrying the status when the callback refuses', async () => {
      answer = { status: 400, body: '{"error":"unknown recipient"}' };
      const error = await adapter.send(context(`${baseUrl}/cb`)).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).status).toBe(400);
      expect(adapter.classifyError(error)).toMatchObject({ retry: false, reason: expect.stringContaining('400') });
    });

    it('throws a PlatformError without status when nothing listens', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const error = await adapter.send(context(`http://127.0.0.1:${port}/cb`)).then(
        () => null,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).status).toBeNull();
      expect(adapter.classifyError(error).retry).toBe(true);
    });
  });

  describe('classifyError', () => {
    it('retries a platform 500', () => {
      expect(adapter.classifyError(new PlatformError('boom', 500))).toEqual({ retry: true, reason: expect.stringContaining('500') });
      expect(adapter.classifyError(new PlatformError('unavailable', 503)).retry).toBe(true);
    });

    it('retries a 429 after the time the platform asks for', () => {
      expect(adapter.classifyError(new PlatformError('slow down', 429, null, { 'retry-after': '7' }))).toEqual({ retry: true, reason: expect.stringMatching(/rate limit/i), retryAfterMs: 7000 });
    });

    it('retries a 429 without retry-after on the default backoff', () => {
      const verdict = adapter.classifyError(new PlatformError('slow down', 429));
      expect(verdict.retry).toBe(true);
      expect(verdict.retryAfterMs).toBeUndefined();
    });

    it('gives up on a 400 and says why', () => {
      expect(adapter.classifyError(new PlatformError('text too long', 400))).toEqual({ retry: false, reason: expect.stringMatching(/400.*text too long/) });
    });

    it.each([401, 403])('gives up on a %i and points at the credentials', (status) => {
      expect(adapter.classifyError(new PlatformError('nope', status))).toEqual({ retry: false, reason: expect.stringMatching(new RegExp(`${status}.*credentials`)) });
    });

    it('retries a network error (no status)', () => {
      expect(adapter.classifyError(new PlatformError('ECONNREFUSED', null))).toEqual({ retry: true, reason: expect.stringMatching(/Network error: ECONNREFUSED/) });
    });

    it('retries an unexpected error', () => {
      expect(adapter.classifyError(new TypeError('fetch failed')).retry).toBe(true);
      expect(adapter.classifyError('weird').retry).toBe(true);
    });
  });
});
