import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io } from 'socket.io-client';
import { loadConfig } from '../src/config/env.js';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { API_SECRET, login, PASSWORD, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

const ALLOWED = 'https://care.example.com';
const OTHER = 'https://evil.example';
const MB = 1024 * 1024;
const KB = 1024;
const WEBHOOK_TOO_LARGE = 'Request body too large: at most 1 MB for webhooks';
const API_TOO_LARGE = 'Request body too large: at most 256 KB for API requests';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * A request over a bare socket: the head, then `chunks` of body (chunked framing when `chunked`), never
 * the end of it. Resolves with the answer the server gives while the body is still unfinished.
 */
function unfinishedRequest(port: number, head: string, chunks: Buffer[], chunked: boolean): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let settled = false;
    const timer = setTimeout(() => finish(new Error('no answer within 5 s')), 5000);
    const finish = (err: Error | null, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(answer!);
    };
    socket.on('error', (err) => finish(err));
    socket.on('data', (data: Buffer) => {
      received = Buffer.concat([received, data]);
      const text = received.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return;
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = text.slice(split + 4);
      if (body.length < Number(headers['content-length'] ?? 0)) return;
      finish(null, { status: Number(statusLine!.split(' ')[1]), headers, body });
    });
    socket.on('connect', () => {
      socket.write(head);
      // Slowly enough that the server reads as we go; the final chunk never comes.
      let i = 0;
      const next = () => {
        if (settled || i >= chunks.length) return;
        const chunk = chunks[i++]!;
        socket.write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
        setTimeout(next, 5);
      };
      next();
    });
  });
}

const portOf = (baseUrl: string): number => Number(new URL(baseUrl).port);
const filler = (bytes: number, size = 64 * KB): Buffer[] => Array.from({ length: Math.ceil(bytes / size) }, () => Buffer.alloc(size, 'a'));

describe('HTTP hardening: headers, CORS, body limits', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ CORS_ORIGIN: `${ALLOWED}, http://localhost:5173` });
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('security headers', () => {
    it('sends helmet’s headers and a strict CSP, and no X-Powered-By', async () => {
      const response = await fetch(`${app.baseUrl}/api/health`);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      const host = new URL(app.baseUrl).host;
      expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
      expect(csp).not.toContain('unsafe-inline');
    });

    it('sends HSTS only over https (here: a TLS proxy in front that says so)', async () => {
      expect((await fetch(`${app.baseUrl}/api/health`)).headers.get('strict-transport-security')).toBeNull();
      const proxied = await fetch(`${app.baseUrl}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(proxied.headers.get('strict-transport-security')).toMatch(/^max-age=\d+; includeSubDomains$/);
      expect(proxied.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    });

    it('gives the Swagger UI its inline styles, and keeps scripts to its own files', async () => {
      const response = await fetch(`${app.baseUrl}/api/docs`);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("script-src 'self'");
      expect(response.headers.get('x-powered-by')).toBeNull();
    });

    it('strips X-Powered-By from the queue dashboard too (an Express app of its own)', async () => {
      const basic = `Basic ${Buffer.from(`admin@rapport.test:${PASSWORD}`).toString('base64')}`;
      const response = await fetch(`${app.baseUrl}/admin/queues`, { headers: { authorization: basic } });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('content-security-policy')).toContain('https://fonts.googleapis.com');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it('echoes the caller’s X-Request-Id, or makes one up', async () => {
      const given = await fetch(`${app.baseUrl}/api/health`, { headers: { 'x-request-id': 'trace-abc-123' } });
      expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
      const made = await fetch(`${app.baseUrl}/api/health`);
      expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });
  });

  describe('CORS', () => {
    it('answers a listed origin with its CORS headers', async () => {
      const response = await fetch(`${app.baseUrl}/api/health`, { headers: { origin: ALLOWED } });
      expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
      expect(response.headers.get('vary')).toMatch(/Origin/i);
    });

    it('gives any other origin no Access-Control-Allow-Origin', async () => {
      const response = await fetch(`${app.baseUrl}/api/health`, { headers: { origin: OTHER } });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    });

    it('answers the preflight of a listed origin, and not that of another', async () => {
      const preflight = (origin: string) =>
        fetch(`${app.baseUrl}/api/conversations`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
        });
      const allowed = await preflight(ALLOWED);
      expect(allowed.status).toBe(204);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
      expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
      const refused = await preflight(OTHER);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    });

    it('never opens the queue dashboard to another origin, listed or not', async () => {
      const response = await fetch(`${app.baseUrl}/admin/queues`, { headers: { origin: ALLOWED } });
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses a socket.io handshake from another origin, and answers a listed one', async () => {
      const handshake = (origin: string) => fetch(`${app.baseUrl}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
      const refused = await handshake(OTHER);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      const allowed = await handshake(ALLOWED);
      expect(allowed.status).toBe(200);
      expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      const sameOrigin = await handshake(app.baseUrl);
      expect(sameOrigin.status).toBe(200);
    });

    it('lets sockets connect from the page’s own origin and listed ones, and not from others (websocket too)', async () => {
      const { accessToken } = await login(app.baseUrl, 'agent1@rapport.test');
      const attempt = (origin: string, transport: 'websocket' | 'polling') =>
        new Promise<'connected' | 'refused'>((resolve) => {
          const socket = io(app.baseUrl, { auth: { token: accessToken }, transports: [transport], reconnection: false, forceNew: true, extraHeaders: { origin } });
          socket.once('connect', () => {
            socket.disconnect();
            resolve('connected');
          });
          socket.once('connect_error', () => {
            socket.disconnect();
            resolve('refused');
          });
        });
      for (const transport of ['websocket', 'polling'] as const) {
        expect(await attempt(app.baseUrl, transport)).toBe('connected');
        expect(await attempt(ALLOWED, transport)).toBe('connected');
        expect(await attempt(OTHER, transport)).toBe('refused');
      }
    });

    it('reads CORS_ORIGIN as a list of origins, empty when unset, and refuses anything else with the reason', () => {
      expect(loadConfig({}).CORS_ORIGIN).toEqual([]);
      expect(loadConfig({ CORS_ORIGIN: 'https://a.example, http://localhost:5173/' }).CORS_ORIGIN).toEqual(['https://a.example', 'http://localhost:5173']);
      expect(() => loadConfig({ CORS_ORIGIN: 'https://*.example.com' })).toThrow(/CORS_ORIGIN: .*wildcard/);
    });
  });

  describe('body limits', () => {
    const webhookHead = (extra: string) => `POST /webhooks/api/demo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Rapport-Signature: sha256=00\r\n${extra}\r\n`;
    const apiHead = (extra: string, token: string) =>
      `POST /api/conversations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\n${extra}\r\n`;

    it('answers a 2 MB webhook 413 from its Content-Length, before reading a byte of it', async () => {
      const answer = await unfinishedRequest(portOf(app.baseUrl), webhookHead(`Content-Length: ${2 * MB}\r\n`), [], false);
      expect(answer.status).toBe(413);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toEqual({ statusCode: 413, error: 'Payload Too Large', message: WEBHOOK_TOO_LARGE });
    });

    it('cuts a chunked webhook off with 413 once it passes 1 MB, without waiting for its end', async () => {
      const answer = await unfinishedRequest(portOf(app.baseUrl), webhookHead('Transfer-Encoding: chunked\r\n'), filler(2 * MB), true);
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ statusCode: 413, message: WEBHOOK_TOO_LARGE });
    });

    it('limits API bodies to 256 KB, by Content-Length and chunked', async () => {
      const { accessToken } = await login(app.baseUrl, 'agent1@rapport.test');
      const declared = await unfinishedRequest(portOf(app.baseUrl), apiHead(`Content-Length: ${300 * KB}\r\n`, accessToken), [], false);
      expect(declared.status).toBe(413);
      expect(JSON.parse(declared.body)).toMatchObject({ statusCode: 413, message: API_TOO_LARGE });
      const chunked = await unfinishedRequest(portOf(app.baseUrl), apiHead('Transfer-Encoding: chunked\r\n', accessToken), filler(300 * KB, 16 * KB), true);
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.body)).toMatchObject({ statusCode: 413, message: API_TOO_LARGE });
    });

    it('answers oversized bodies sent whole by fetch too, and forms as well as JSON', async () => {
      const webhook = await fetch(`${app.baseUrl}/webhooks/api/demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.alloc(2 * MB, 'a') });
      expect(webhook.status).toBe(413);
      expect(await webhook.json()).toMatchObject({ message: WEBHOOK_TOO_LARGE });
      const form = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=a%40b.c&pad=${'a'.repeat(300 * KB)}` });
      expect(form.status).toBe(413);
      expect(await form.json()).toMatchObject({ message: API_TOO_LARGE });
      const stream = new ReadableStream({
        start(controller) {
          for (const chunk of filler(300 * KB)) controller.enqueue(new Uint8Array(chunk));
          controller.close();
        },
      });
      const chunked = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
      expect(chunked.status).toBe(413);
    });

    it('still takes a signed webhook just under 1 MB, its signature checked against the raw body', async () => {
      // Spaces are valid JSON and count for the signature like any byte.
      const raw = `{"id":"big-1","from":{"id":"cust-big","name":"Ada"},"text":"Hello"${' '.repeat(MB - 200)}}`;
      expect(Buffer.byteLength(raw)).toBeLessThan(MB);
      const signed = await fetch(`${app.baseUrl}/webhooks/api/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${hmacSha256Hex(API_SECRET, raw)}` },
        body: raw,
      });
      expect(signed.status).toBe(200);
      const forged = await fetch(`${app.baseUrl}/webhooks/api/demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${hmacSha256Hex(API_SECRET, `${raw} `)}` },
        body: raw,
      });
      expect(forged.status).toBe(401);
      expect((await postApiMessage(app.baseUrl, { id: 'small-1', from: { id: 'cust-small' }, text: 'Hi' })).status).toBe(200);
    });

    it('answers malformed JSON with 400 and the reason, as JSON', async () => {
      for (const path of ['/webhooks/api/demo', '/api/auth/login']) {
        const response = await fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": "x",' });
        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        expect(await response.json()).toMatchObject({ statusCode: 400, message: expect.stringMatching(/^Malformed request body: /) });
      }
    });

    it('refuses a webhook that is not JSON, or whose path does not decode, with 400 and the reason', async () => {
      const form = await fetch(`${app.baseUrl}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'object=page' });
      expect(form.status).toBe(400);
      expect(await form.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'Send the event as application/json' });
      const badPath = await fetch(`${app.baseUrl}/webhooks/api/%E0%A4%A`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(badPath.status).toBe(400);
      expect(await badPath.json()).toMatchObject({ statusCode: 400, message: expect.stringContaining('percent-encoding') });
      // Answered ahead of the router, with the headers every answer carries.
      expect(badPath.headers.get('x-request-id')).toEqual(expect.any(String));
      expect(badPath.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('answers a charset or encoding it cannot read with 415 and the reason', async () => {
      const charset = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' });
      expect(charset.status).toBe(415);
      expect(await charset.json()).toMatchObject({ statusCode: 415, message: expect.stringMatching(/charset "LATIN1".*UTF-8/i) });
      const encoding = await fetch(`${app.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'zip' }, body: '{}' });
      expect(encoding.status).toBe(415);
      expect(await encoding.json()).toMatchObject({ statusCode: 415, message: expect.stringContaining('"zip"') });
    });
  });
});
