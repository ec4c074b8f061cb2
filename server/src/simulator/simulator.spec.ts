import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelKind } from '@rapport/shared';
import { SIMULATED_ACCOUNTS, SIMULATED_PROFILES } from './accounts.js';
import { seededRandom } from './scenarios.js';
import { startSimulator, type Simulator, type SimulatorOptions } from './simulator.js';

/** server/src/simulator → /work/shared: CI clones shared/ beside the repo. */
const FIXTURES_DIR = resolve(import.meta.dirname, '../../../../shared/fixtures/channels');
const fixture = (name: string): unknown => JSON.parse(readFileSync(resolve(FIXTURES_DIR, name), 'utf8'));

const SECRETS = { metaAppSecret: 'meta-secret', xConsumerSecret: 'x-secret', apiChannelSecret: 'api-secret', apiChannelKey: 'demo' };
const A = SIMULATED_ACCOUNTS;

// ---------------------------------------------------------------------------------------------------------
// A tiny Rapport stand-in that records every webhook

interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  json: unknown;
}

interface FakeRapport {
  url: string;
  hits: Hit[];
  /** Statuses to answer the next webhooks with (then 200). */
  answers: number[];
  close(): Promise<void>;
}

async function startFakeRapport(): Promise<FakeRapport> {
  const hits: Hit[] = [];
  const answers: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(raw.toString('utf8'));
      } catch {
        json = null;
      }
      hits.push({ path: req.url ?? '', headers: req.headers, raw, json });
      res.writeHead(answers.shift() ?? 200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    answers,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

async function setup(extra: Partial<SimulatorOptions> = {}): Promise<{ rapport: FakeRapport; sim: Simulator; close(): Promise<void> }> {
  const rapport = await startFakeRapport();
  const sim = await startSimulator({
    rapportUrl: rapport.url,
    secrets: SECRETS,
    random: seededRandom(1),
    timing: { statusStepMs: [20, 30], followUpMs: [20, 30], webhookRetryMs: [20, 40, 80] },
    ...extra,
  });
  return {
    rapport,
    sim,
    close: async () => {
      await sim.close();
      await rapport.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined>, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 10));
  }
}

/** Walks into parsed JSON: dig(body, 'entry', 0, 'id'). */
function dig(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/**
 * Every path and value type of a JSON document ("entry[].messaging[].sender.id:string"). Keys under a path
 * listed in `maps` are ids (X `users` / `apps`), so they become `*`.
 */
function shape(value: unknown, maps: string[] = [], at = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      out.add(`${path}:array`);
      for (const item of v) walk(item, `${path}[]`);
    } else if (v !== null && typeof v === 'object') {
      out.add(`${path}:object`);
      for (const [key, child] of Object.entries(v)) walk(child, maps.includes(path) ? `${path}.*` : `${path}.${key}`);
    } else {
      out.add(`${path}:${v === null ? 'null' : typeof v}`);
    }
  };
  walk(value, at);
  return out;
}

/** The fixture's paths (and value types) that `actual` lacks: none, when the envelope is like the fixture. */
function missingFromFixture(actual: unknown, expected: unknown, maps: string[] = []): string[] {
  const have = shape(actual, maps);
  return [...shape(expected, maps)].filter((path) => !have.has(path));
}

interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

async function call(base: string, method: string, path: string, options: { json?: unknown; headers?: Record<string, string>; form?: string } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = options.form;
  }
  const response = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
const metaSignature = (raw: Buffer | string): string => `sha256=${createHmac('sha256', SECRETS.metaAppSecret).update(raw).digest('hex')}`;

function hitsTo(rapport: FakeRapport, path: string): Hit[] {
  return rapport.hits.filter((h) => h.path === path);
}

// ---------------------------------------------------------------------------------------------------------

describe('customerSays → signed webhooks', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());

  it('facebook DM: Messenger envelope on /webhooks/meta, X-Hub-Signature-256 over the exact (escaped-unicode) bytes', async () => {
    const said = await env.sim.customerSays('facebook', { customerId: 'fb-1', name: 'Dana Whitfield', text: 'Hola, ¿dónde está mi pedido? 📦' });
    expect(said.delivered).toBe(true);
    const hit = hitsTo(env.rapport, '/webhooks/meta').at(-1);
    expect(hit).toBeDefined();
    if (!hit) return;
    expect(hit.headers['x-hub-signature-256']).toBe(metaSignature(hit.raw));
    expect(hit.headers['x-hub-signature']).toBe(`sha1=${createHmac('sha1', SECRETS.metaAppSecret).update(hit.raw).digest('hex')}`);
    // Meta's wire form: ASCII only, non-ASCII as \uXXXX escapes, and still the same text once parsed.
    expect(hit.raw.every((byte) => byte < 0x80)).toBe(true);
    expect(hit.raw.toString()).toContain('\\u00bf');
    expect(missingFromFixture(hit.json, fixture('meta-messenger-text.json'))).toEqual([]);
    expect(dig(hit.json, 'object')).toBe('page');
    expect(dig(hit.json, 'entry', 0, 'id')).toBe(A.facebook.pageId);
    const event = dig(hit.json, 'entry', 0, 'messaging', 0);
    expect(dig(event, 'sender', 'id')).toBe(said.senderId);
    expect(dig(event, 'recipient', 'id')).toBe(A.facebook.pageId);
    expect(dig(event, 'message', 'mid')).toBe(said.externalId);
    expect(said.externalId).toMatch(/^m_/);
    expect(dig(event, 'message', 'text')).toBe('Hola, ¿dónde está mi pedido? 📦');
  });

  it('keeps platform ids per customer: same customerId → same PSID, another → another', async () => {
    const first = await env.sim.customerSays('facebook', { customerId: 'fb-stable', text: 'one' });
    const again = await env.sim.customerSays('facebook', { customerId: 'fb-stable', text: 'two' });
    const other = await env.sim.customerSays('facebook', { customerId: 'fb-other', text: 'three' });
    expect(again.senderId).toBe(first.senderId);
    expect(other.senderId).not.toBe(first.senderId);
    expect(again.externalId).not.toBe(first.externalId);
  });

  it('facebook public: a Page feed comment, on a post that stays the same per customer', async () => {
    const said = await env.sim.customerSays('facebook', { customerId: 'fb-commenter', name: 'Dana Whitfield', text: 'Third week waiting for my refund.', public: true });
    const again = await env.sim.customerSays('facebook', { customerId: 'fb-commenter', text: 'Anyone?', public: true });
    const [first, second] = hitsTo(env.rapport, '/webhooks/meta').slice(-2);
    expect(first?.headers['x-hub-signature-256']).toBe(metaSignature(first?.raw ?? ''));
    expect(missingFromFixture(first?.json, fixture('meta-feed-comment.json'))).toEqual([]);
    const value = dig(first?.json, 'entry', 0, 'changes', 0, 'value');
    expect(dig(first?.json, 'entry', 0, 'changes', 0, 'field')).toBe('feed');
    expect(value).toMatchObject({ item: 'comment', verb: 'add', comment_id: said.externalId, message: 'Third week waiting for my refund.', from: { id: said.senderId, name: 'Dana Whitfield' } });
    expect(String(dig(value, 'post_id'))).toMatch(new RegExp(`^${A.facebook.pageId}_\\d+$`));
    expect(dig(value, 'parent_id')).toBe(dig(value, 'post_id'));
    expect(Number(dig(first?.json, 'entry', 0, 'time'))).toBeLessThan(1e11); // seconds for changes[]
    expect(dig(second?.json, 'entry', 0, 'changes', 0, 'value', 'post_id')).toBe(dig(value, 'post_id'));
    expect(again.externalId).not.toBe(said.externalId);
  });

  it('instagram DM and comment: object instagram, entry.id = the IG account', async () => {
    const dm = await env.sim.customerSays('instagram', { customerId: 'ig-1', name: 'Camila Rojas', text: 'La chaqueta es de otra talla.' });
    const dmHit = hitsTo(env.rapport, '/webhooks/meta').at(-1);
    expect(dmHit?.headers['x-hub-signature-256']).toBe(metaSignature(dmHit?.raw ?? ''));
    expect(missingFromFixture(dmHit?.json, fixture('instagram-dm.json'))).toEqual([]);
    expect(dig(dmHit?.json, 'object')).toBe('instagram');
    expect(dig(dmHit?.json, 'entry', 0, 'id')).toBe(A.instagram.accountId);
    expect(dig(dmHit?.json, 'entry', 0, 'messaging', 0, 'recipient', 'id')).toBe(A.instagram.accountId);
    expect(dig(dmHit?.json, 'entry', 0, 'messaging', 0, 'sender', 'id')).toBe(dm.senderId);
    expect(dig(dmHit?.json, 'entry', 0, 'messaging', 0, 'message', 'mid')).toBe(dm.externalId);

    const comment = await env.sim.customerSays('instagram', { customerId: 'ig-1', text: 'Hello?', public: true });
    const commentHit = hitsTo(env.rapport, '/webhooks/meta').at(-1);
    expect(dig(commentHit?.json, 'object')).toBe('instagram');
    expect(dig(commentHit?.json, 'entry', 0, 'changes', 0, 'field')).toBe('comments');
    expect(dig(commentHit?.json, 'entry', 0, 'changes', 0, 'value')).toMatchObject({
      id: comment.externalId,
      text: 'Hello?',
      from: { id: dm.senderId },
      media: { media_product_type: 'FEED' },
    });
  });

  it('whatsapp: a text message on /webhooks/whatsapp routed by phone_number_id', async () => {
    const said = await env.sim.customerSays('whatsapp', { customerId: 'wa-1', name: 'Tom Okafor', text: 'I was charged twice.' });
    const hit = hitsTo(env.rapport, '/webhooks/whatsapp').at(-1);
    expect(hit?.headers['x-hub-signature-256']).toBe(metaSignature(hit?.raw ?? ''));
    expect(missingFromFixture(hit?.json, fixture('whatsapp-text.json'))).toEqual([]);
    const value = dig(hit?.json, 'entry', 0, 'changes', 0, 'value');
    expect(dig(value, 'metadata', 'phone_number_id')).toBe(A.whatsapp.phoneNumberId);
    expect(dig(value, 'contacts', 0)).toEqual({ profile: { name: 'Tom Okafor' }, wa_id: said.senderId });
    expect(dig(value, 'messages', 0)).toMatchObject({ from: said.senderId, id: said.externalId, type: 'text', text: { body: 'I was charged twice.' } });
    expect(said.externalId).toMatch(/^wamid\./);
    expect(said.senderId).toMatch(/^\d{10,15}$/);
  });

  it('x DM: Account Activity envelope on /webhooks/x with a base64 x-twitter-webhooks-signature', async () => {
    const said = await env.sim.customerSays('x', { customerId: 'x-1', name: 'Priya Natarajan', handle: 'priya_n_dev', text: 'Following up on ticket 55120.' });
    const hit = hitsTo(env.rapport, '/webhooks/x').at(-1);
    const expected = `sha256=${createHmac('sha256', SECRETS.xConsumerSecret).update(hit?.raw ?? '').digest('base64')}`;
    expect(hit?.headers['x-twitter-webhooks-signature']).toBe(expected);
    expect(missingFromFixture(hit?.json, fixture('x-account-activity-dm.json'), ['.users', '.apps'])).toEqual([]);
    expect(dig(hit?.json, 'for_user_id')).toBe(A.x.userId);
    const event = dig(hit?.json, 'direct_message_events', 0);
    expect(event).toMatchObject({ type: 'message_create', id: said.externalId, message_create: { sender_id: said.senderId, target: { recipient_id: A.x.userId } } });
    expect(dig(event, 'message_create', 'message_data', 'text')).toBe('Following up on ticket 55120.');
    expect(dig(hit?.json, 'users', said.senderId, 'screen_name')).toBe('priya_n_dev');
    expect(said.senderId).toMatch(/^\d{19}$/);
  });

  it('api: signed POST to /webhooks/api/:key with {id, from, text, timestamp}', async () => {
    const said = await env.sim.customerSays('api', { customerId: 'web-1', name: 'Mei Chen', text: 'Where is my invoice?' });
    const hit = hitsTo(env.rapport, '/webhooks/api/demo').at(-1);
    expect(hit?.headers['x-rapport-signature']).toBe(`sha256=${createHmac('sha256', SECRETS.apiChannelSecret).update(hit?.raw ?? '').digest('hex')}`);
    expect(hit?.json).toEqual({ id: said.externalId, from: { id: said.senderId, name: 'Mei Chen' }, text: 'Where is my invoice?', timestamp: expect.any(String) });
    expect(Number.isNaN(Date.parse(String(dig(hit?.json, 'timestamp'))))).toBe(false);
  });

  it('retries a webhook while Rapport answers 5xx, and gives up on 4xx without retrying', async () => {
    env.rapport.answers.push(503, 502);
    const before = hitsTo(env.rapport, '/webhooks/api/demo').length;
    const said = await env.sim.customerSays('api', { customerId: 'retry', text: 'hello?' });
    expect(said.delivered).toBe(true);
    const attempts = hitsTo(env.rapport, '/webhooks/api/demo').slice(before);
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.raw.toString()))).toEqual(new Set([attempts[0]?.raw.toString()]));

    env.rapport.answers.push(401);
    const rejected = await env.sim.customerSays('api', { customerId: 'retry', text: 'again' });
    expect(rejected.delivered).toBe(false);
    expect(hitsTo(env.rapport, '/webhooks/api/demo').length).toBe(before + 4);
  });
});

describe('a Rapport that is not there', () => {
  it('logs, retries and reports the message undelivered without crashing', async () => {
    const lines: string[] = [];
    const sim = await startSimulator({
      rapportUrl: 'http://127.0.0.1:9', // discard port: nothing listens
      secrets: SECRETS,
      log: (line) => lines.push(line),
      timing: { webhookRetryMs: [10, 10] },
    });
    try {
      const said = await sim.customerSays('facebook', { text: 'anyone home?' });
      expect(said.delivered).toBe(false);
      expect(lines.filter((l) => l.includes('retrying'))).toHaveLength(2);
      expect(lines.some((l) => l.includes('gave up after 3 attempts'))).toBe(true);
    } finally {
      await sim.close();
    }
  });
});

describe('Graph API stand-in: Send API, comments, WhatsApp', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());

  it('Messenger send: answers like meta-send-api-response.json and records the reply', async () => {
    const said = await env.sim.customerSays('facebook', { customerId: 'send-1', text: 'Cracked screen' });
    const request = { recipient: { id: said.senderId }, messaging_type: 'RESPONSE', message: { text: 'Sorry, a replacement ships today.' } };
    const answer = await call(env.sim.url, 'POST', `/v25.0/${A.facebook.pageId}/messages`, { json: request, headers: bearer(A.facebook.pageAccessToken) });
    expect(answer.status).toBe(200);
    expect(missingFromFixture(answer.body, fixture('meta-send-api-response.json'))).toEqual([]);
    expect(dig(answer.body, 'recipient_id')).toBe(said.senderId);
    expect(String(dig(answer.body, 'message_id'))).toMatch(/^m_/);
    expect(env.sim.sent.at(-1)).toMatchObject({
      kind: 'facebook',
      to: said.senderId,
      text: 'Sorry, a replacement ships today.',
      inReplyTo: null,
      path: `/v25.0/${A.facebook.pageId}/messages`,
      body: request,
      id: dig(answer.body, 'message_id'),
    });
  });

  it('Instagram DM replies go to the same page endpoint and are told apart by the IGSID', async () => {
    const said = await env.sim.customerSays('instagram', { customerId: 'send-ig', text: 'Wrong size' });
    const answer = await call(env.sim.url, 'POST', `/v25.0/${A.instagram.pageId}/messages`, {
      json: { recipient: { id: said.senderId }, message: { text: 'We will swap it.' } },
      headers: bearer(A.instagram.pageAccessToken),
    });
    expect(answer.status).toBe(200);
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'instagram', to: said.senderId });
  });

  it('rejects a wrong token with 401 and Graph error 190', async () => {
    const answer = await call(env.sim.url, 'POST', `/v25.0/${A.facebook.pageId}/messages`, {
      json: { recipient: { id: '1' }, message: { text: 'x' } },
      headers: bearer('wrong'),
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ error: { code: 190, type: 'OAuthException', fbtrace_id: expect.any(String) } });
    const missing = await call(env.sim.url, 'POST', `/v26.0/${A.whatsapp.phoneNumberId}/messages`, { json: {} });
    expect(missing.status).toBe(401);
  });

  it('comment replies: /{comment}/comments on Facebook and /{comment}/replies on Instagram answer { id }', async () => {
    const fb = await env.sim.customerSays('facebook', { customerId: 'c-fb', text: 'Refund?', public: true });
    const fbAnswer = await call(env.sim.url, 'POST', `/v25.0/${fb.externalId}/comments`, { json: { message: 'We sent you a DM.' }, headers: bearer(A.facebook.pageAccessToken) });
    expect(fbAnswer.status).toBe(200);
    expect(Object.keys(fbAnswer.body as object)).toEqual(['id']);
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'facebook', to: fb.senderId, inReplyTo: fb.externalId, public: true, text: 'We sent you a DM.' });

    const ig = await env.sim.customerSays('instagram', { customerId: 'c-ig', text: 'Link broken', public: true });
    const igAnswer = await call(env.sim.url, 'POST', `/v25.0/${ig.externalId}/replies`, { json: { message: 'Fixed, thanks!' }, headers: bearer(A.instagram.pageAccessToken) });
    expect(igAnswer.status).toBe(200);
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'instagram', to: ig.senderId, inReplyTo: ig.externalId, public: true });
  });

  it('answers a user profile lookup for a PSID (Messenger webhooks carry no name)', async () => {
    const said = await env.sim.customerSays('facebook', { customerId: 'profile', name: 'Lucía Fernández', text: 'hola' });
    const answer = await call(env.sim.url, 'GET', `/v25.0/${said.senderId}?fields=first_name,last_name`, { headers: bearer(A.facebook.pageAccessToken) });
    expect(answer.body).toMatchObject({ first_name: 'Lucía', last_name: 'Fernández', id: said.senderId });
  });

  it('WhatsApp send answers like the fixture, then posts signed sent → delivered → read statuses', async () => {
    const said = await env.sim.customerSays('whatsapp', { customerId: 'wa-status', name: 'Tom Okafor', text: 'Charged twice' });
    const request = {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: said.senderId,
      type: 'text',
      context: { message_id: said.externalId },
      text: { preview_url: false, body: 'Refunded, 3-5 working days.' },
    };
    const answer = await call(env.sim.url, 'POST', `/v26.0/${A.whatsapp.phoneNumberId}/messages`, { json: request, headers: bearer(A.whatsapp.accessToken) });
    expect(answer.status).toBe(200);
    expect(missingFromFixture(answer.body, fixture('whatsapp-send-text-response.json'))).toEqual([]);
    const wamid = String(dig(answer.body, 'messages', 0, 'id'));
    expect(wamid).toMatch(/^wamid\./);
    expect(dig(answer.body, 'contacts', 0)).toEqual({ input: said.senderId, wa_id: said.senderId });
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'whatsapp', to: said.senderId, inReplyTo: said.externalId, id: wamid, text: 'Refunded, 3-5 working days.' });

    const statusHits = await waitFor(() => {
      const hits = hitsTo(env.rapport, '/webhooks/whatsapp').filter((h) => dig(h.json, 'entry', 0, 'changes', 0, 'value', 'statuses', 0, 'id') === wamid);
      return hits.length >= 3 ? hits : undefined;
    }, 'three status webhooks');
    expect(statusHits.map((h) => dig(h.json, 'entry', 0, 'changes', 0, 'value', 'statuses', 0, 'status'))).toEqual(['sent', 'delivered', 'read']);
    for (const hit of statusHits) {
      expect(hit.headers['x-hub-signature-256']).toBe(metaSignature(hit.raw));
      expect(dig(hit.json, 'entry', 0, 'changes', 0, 'value', 'statuses', 0, 'recipient_id')).toBe(said.senderId);
      expect(dig(hit.json, 'entry', 0, 'changes', 0, 'value', 'metadata', 'phone_number_id')).toBe(A.whatsapp.phoneNumberId);
    }
    expect(missingFromFixture(statusHits[1]?.json, fixture('whatsapp-status.json'))).toEqual([]);
  });
});

describe('X API v2 stand-in', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());
  const auth = bearer(A.x.accessToken);
  const FIELDS = 'tweet.fields=created_at,author_id,conversation_id,entities,in_reply_to_user_id,referenced_tweets&expansions=author_id&user.fields=username,name';

  it('queues public mentions for GET /2/users/:id/mentions; since_id returns only newer ones, newest first', async () => {
    const first = await env.sim.customerSays('x', { customerId: 'm-1', name: 'Marco Bellini', handle: 'marcobellini', text: 'where is my refund?', public: true });
    const second = await env.sim.customerSays('x', { customerId: 'm-2', name: 'Priya Natarajan', text: 'router offline', public: true });
    const third = await env.sim.customerSays('x', { customerId: 'm-1', text: 'hello??', public: true });
    expect(first.delivered && second.delivered && third.delivered).toBe(true);

    const all = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions?max_results=100&${FIELDS}`, { headers: auth });
    expect(all.status).toBe(200);
    expect(all.headers.get('x-rate-limit-limit')).toBe('450');
    expect(Number(all.headers.get('x-rate-limit-remaining'))).toBeLessThan(450);
    expect(Number(all.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const ids = (dig(all.body, 'data') as Array<{ id: string }>).map((t) => t.id);
    expect(ids).toEqual([third.externalId, second.externalId, first.externalId]);

    const newer = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions?since_id=${first.externalId}&max_results=100&${FIELDS}`, { headers: auth });
    expect((dig(newer.body, 'data') as Array<{ id: string }>).map((t) => t.id)).toEqual([third.externalId, second.externalId]);
    expect(dig(newer.body, 'meta')).toEqual({ newest_id: third.externalId, oldest_id: second.externalId, result_count: 2 });
    const fixturePage = fixture('x-v2-mentions-page.json') as { data: unknown[] };
    expect(missingFromFixture({ ...(newer.body as object), data: [dig(newer.body, 'data', 1)] }, { ...fixturePage, data: [fixturePage.data[1]] })).toEqual([]);
    const tweet = dig(newer.body, 'data', 1);
    expect(tweet).toMatchObject({ id: second.externalId, author_id: second.senderId, conversation_id: second.externalId, edit_history_tweet_ids: [second.externalId] });
    expect(String(dig(tweet, 'text'))).toBe(`@${SIMULATED_PROFILES.x.username} router offline`);
    expect(dig(tweet, 'entities', 'mentions', 0)).toEqual({ start: 0, end: 12, username: SIMULATED_PROFILES.x.username, id: A.x.userId });
    expect(dig(newer.body, 'includes', 'users')).toEqual(
      expect.arrayContaining([{ id: second.senderId, name: 'Priya Natarajan', username: expect.any(String) }, { id: first.senderId, name: 'Marco Bellini', username: 'marcobellini' }]),
    );

    const none = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions?since_id=${third.externalId}`, { headers: auth });
    expect(none.body).toEqual({ meta: { result_count: 0 } });
  });

  it('returns only the default fields unless tweet.fields asks for more', async () => {
    const said = await env.sim.customerSays('x', { customerId: 'fields', text: 'hi', public: true });
    const answer = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions?max_results=5`, { headers: auth });
    expect(dig(answer.body, 'data', 0)).toEqual({ id: said.externalId, text: `@${SIMULATED_PROFILES.x.username} hi`, edit_history_tweet_ids: [said.externalId] });
    expect(dig(answer.body, 'includes')).toBeUndefined();
  });

  it('pages with next_token / pagination_token under the same since_id', async () => {
    const start = await env.sim.customerSays('x', { customerId: 'page-0', text: 'cursor', public: true });
    const posted: string[] = [];
    for (let i = 0; i < 7; i += 1) posted.push((await env.sim.customerSays('x', { customerId: `page-${i}`, text: `mention ${i}`, public: true })).externalId);
    const base = `/2/users/${A.x.userId}/mentions?since_id=${start.externalId}&max_results=5`;
    const page1 = await call(env.sim.url, 'GET', base, { headers: auth });
    expect((dig(page1.body, 'data') as Array<{ id: string }>).map((t) => t.id)).toEqual(posted.slice(2).reverse());
    const token = dig(page1.body, 'meta', 'next_token');
    expect(typeof token).toBe('string');
    const page2 = await call(env.sim.url, 'GET', `${base}&pagination_token=${String(token)}`, { headers: auth });
    expect((dig(page2.body, 'data') as Array<{ id: string }>).map((t) => t.id)).toEqual(posted.slice(0, 2).reverse());
    expect(dig(page2.body, 'meta', 'next_token')).toBeUndefined();
  });

  it('refuses bad parameters and tokens like X', async () => {
    const small = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions?max_results=1`, { headers: auth });
    expect(small.status).toBe(400);
    expect(dig(small.body, 'title')).toBe('Invalid Request');
    const unauthorized = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions`, { headers: bearer('nope') });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body).toMatchObject({ title: 'Unauthorized', status: 401 });
  });

  it('POST /2/tweets replies (201 like the fixture); POST /2/dm_conversations/with/:id/messages sends a DM', async () => {
    const mention = await env.sim.customerSays('x', { customerId: 'reply-me', text: 'router offline', public: true });
    const reply = await call(env.sim.url, 'POST', '/2/tweets', { json: { text: '@you on it', reply: { in_reply_to_tweet_id: mention.externalId } }, headers: auth });
    expect(reply.status).toBe(201);
    expect(missingFromFixture(reply.body, fixture('x-v2-create-reply-response.json'))).toEqual([]);
    expect(dig(reply.body, 'data', 'text')).toBe('@you on it');
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'x', to: mention.senderId, inReplyTo: mention.externalId, public: true, id: dig(reply.body, 'data', 'id') });

    const dm = await env.sim.customerSays('x', { customerId: 'dm-me', text: 'private question' });
    const sent = await call(env.sim.url, 'POST', `/2/dm_conversations/with/${dm.senderId}/messages`, { json: { text: 'Could you confirm the postcode?' }, headers: auth });
    expect(sent.status).toBe(201);
    expect(missingFromFixture(sent.body, fixture('x-v2-dm-send-response.json'))).toEqual([]);
    const ids = [dm.senderId, A.x.userId].sort((a, b) => (a.length - b.length) || (a < b ? -1 : 1));
    expect(dig(sent.body, 'data', 'dm_conversation_id')).toBe(ids.join('-'));
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'x', to: dm.senderId, inReplyTo: null, public: false, text: 'Could you confirm the postcode?' });
  });

  it('looks up what was sent: DM events with a participant, and the account\'s own posts since a time', async () => {
    const since = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const mention = await env.sim.customerSays('x', { customerId: 'lookup-me', text: 'is my reply there?', public: true });
    const reply = await call(env.sim.url, 'POST', '/2/tweets', { json: { text: 'Yes it is', reply: { in_reply_to_tweet_id: mention.externalId } }, headers: auth });
    const posts = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/tweets?start_time=${since}&max_results=100&tweet.fields=created_at,referenced_tweets`, { headers: auth });
    expect(posts.status).toBe(200);
    expect(dig(posts.body, 'data', 0)).toMatchObject({ id: dig(reply.body, 'data', 'id'), text: 'Yes it is', referenced_tweets: [{ type: 'replied_to', id: mention.externalId }] });
    const later = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/tweets?start_time=2999-01-01T00:00:00Z&max_results=100`, { headers: auth });
    expect(dig(later.body, 'meta', 'result_count')).toBe(0);

    const dm = await env.sim.customerSays('x', { customerId: 'lookup-dm', text: 'hello in private' });
    const sent = await call(env.sim.url, 'POST', `/2/dm_conversations/with/${dm.senderId}/messages`, { json: { text: 'Hello back' }, headers: auth });
    const events = await call(env.sim.url, 'GET', `/2/dm_conversations/with/${dm.senderId}/dm_events?dm_event.fields=id,text,sender_id,created_at&max_results=100`, { headers: auth });
    expect(dig(events.body, 'data', 0)).toMatchObject({ id: dig(sent.body, 'data', 'dm_event_id'), text: 'Hello back', sender_id: A.x.userId, event_type: 'MessageCreate' });
    expect(dig(events.body, 'data', 1)).toMatchObject({ text: 'hello in private', sender_id: dm.senderId });
  });
});

describe('Telegram Bot API stand-in', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());
  const bot = `/bot${A.telegram.botToken}`;
  type Update = { update_id: number; message: Record<string, unknown> };
  const updatesOf = (answer: Answer): Update[] => dig(answer.body, 'result') as Update[];

  it('rejects a wrong token with 401 Unauthorized', async () => {
    const answer = await call(env.sim.url, 'GET', '/bot123:wrong/getUpdates');
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('getUpdates: offset confirms earlier updates exactly like the real API (GET query or POST JSON)', async () => {
    const a = await env.sim.customerSays('telegram', { customerId: 'tg-a', name: 'Lena Hoffmann', handle: 'lena_hoff', language: 'de', text: 'Paket nie angekommen' });
    await env.sim.customerSays('telegram', { customerId: 'tg-b', name: 'Jonas Krüger', text: '@RapportCareBot the app logs me out', public: true });
    await env.sim.customerSays('telegram', { customerId: 'tg-a', text: 'hallo?' });

    const all = updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates`));
    expect(all).toHaveLength(3);
    const [u1, u2, u3] = all;
    if (!u1 || !u2 || !u3) throw new Error('three updates expected');
    expect(u2.update_id).toBeGreaterThan(u1.update_id);
    expect(u3.update_id).toBeGreaterThan(u2.update_id);
    expect(String(u1.message.message_id)).toBe(a.externalId);

    // Without an offset nothing is confirmed: the same updates come again.
    expect(updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates`)).map((u) => u.update_id)).toEqual(all.map((u) => u.update_id));
    // offset = first + 1 confirms the first one, for good.
    const afterFirst = updatesOf(await call(env.sim.url, 'POST', `${bot}/getUpdates`, { json: { offset: u1.update_id + 1, limit: 100, timeout: 0 } }));
    expect(afterFirst.map((u) => u.update_id)).toEqual([u2.update_id, u3.update_id]);
    expect(updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates`)).map((u) => u.update_id)).toEqual([u2.update_id, u3.update_id]);
    // limit
    expect(updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates?limit=1`)).map((u) => u.update_id)).toEqual([u2.update_id]);
    // Past the last one: nothing left.
    expect(updatesOf(await call(env.sim.url, 'POST', `${bot}/getUpdates`, { form: `offset=${u3.update_id + 1}` }))).toEqual([]);
    expect(updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates`))).toEqual([]);

    // A negative offset returns the last updates and forgets the earlier ones.
    await env.sim.customerSays('telegram', { customerId: 'tg-a', text: 'one' });
    await env.sim.customerSays('telegram', { customerId: 'tg-a', text: 'two' });
    const last = updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates?offset=-1`));
    expect(last.map((u) => u.message.text)).toEqual(['two']);
    expect(updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates`)).map((u) => u.message.text)).toEqual(['two']);
    await call(env.sim.url, 'GET', `${bot}/getUpdates?offset=${(last[0]?.update_id ?? 0) + 1}`);
  });

  it('private chats and supergroup mentions are shaped like telegram-getupdates.json', async () => {
    await env.sim.customerSays('telegram', { customerId: 'shape-p', name: 'Lena Hoffmann', handle: 'lena_hoff', language: 'de', text: 'Mein Paket fehlt.' });
    await env.sim.customerSays('telegram', { customerId: 'shape-g', name: 'Jonas Krüger', handle: 'jonas_k', text: 'the app logs me out', public: true });
    const [privateUpdate, groupUpdate] = updatesOf(await call(env.sim.url, 'GET', `${bot}/getUpdates`));
    const expected = fixture('telegram-getupdates.json') as { result: unknown[] };
    expect(missingFromFixture(privateUpdate, expected.result[0])).toEqual([]);
    expect(missingFromFixture(groupUpdate, expected.result[1])).toEqual([]);
    expect(privateUpdate?.message).toMatchObject({ chat: { type: 'private', id: dig(privateUpdate, 'message', 'from', 'id') }, from: { language_code: 'de', username: 'lena_hoff', is_bot: false } });
    expect(groupUpdate?.message).toMatchObject({
      chat: { type: 'supergroup', id: SIMULATED_PROFILES.telegram.group.id },
      text: '@RapportCareBot the app logs me out',
      entities: [{ offset: 0, length: '@RapportCareBot'.length, type: 'mention' }],
    });
    await call(env.sim.url, 'GET', `${bot}/getUpdates?offset=${(groupUpdate?.update_id ?? 0) + 1}`);
  });

  it('long polling: a waiting getUpdates returns as soon as an update arrives; a second poller gets 409', async () => {
    const waiting = call(env.sim.url, 'GET', `${bot}/getUpdates?timeout=10`);
    await new Promise((done) => setTimeout(done, 50));
    const competing = call(env.sim.url, 'GET', `${bot}/getUpdates?timeout=10`);
    const conflict = await waiting;
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual(fixture('telegram-error-409.json'));
    const started = Date.now();
    await env.sim.customerSays('telegram', { customerId: 'long', text: 'are you there?' });
    const answer = await competing;
    expect(Date.now() - started).toBeLessThan(2000);
    const got = updatesOf(answer);
    expect(got.map((u) => u.message.text)).toEqual(['are you there?']);
    await call(env.sim.url, 'GET', `${bot}/getUpdates?offset=${(got[0]?.update_id ?? 0) + 1}`);
  });

  it('sendMessage replies like telegram-sendmessage-response.json and records the reply', async () => {
    const said = await env.sim.customerSays('telegram', { customerId: 'tg-send', name: 'Lena Hoffmann', handle: 'lena_hoff', text: 'parcel missing' });
    const chatId = Number(said.senderId);
    const answer = await call(env.sim.url, 'POST', `${bot}/sendMessage`, {
      json: { chat_id: chatId, text: 'We opened a trace.', reply_parameters: { message_id: Number(said.externalId) } },
    });
    expect(answer.status).toBe(200);
    expect(missingFromFixture(answer.body, fixture('telegram-sendmessage-response.json'))).toEqual([]);
    expect(dig(answer.body, 'result', 'reply_to_message', 'message_id')).toBe(Number(said.externalId));
    expect(dig(answer.body, 'result', 'from', 'is_bot')).toBe(true);
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'telegram', to: said.senderId, inReplyTo: said.externalId, text: 'We opened a trace.', public: false });

    const unknownChat = await call(env.sim.url, 'POST', `${bot}/sendMessage`, { json: { chat_id: 42, text: 'hi' } });
    expect(unknownChat.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: chat not found' });
    const empty = await call(env.sim.url, 'POST', `${bot}/sendMessage`, { json: { chat_id: chatId, text: '' } });
    expect(empty.body).toEqual({ ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
  });
});

describe('Mastodon stand-in', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());
  const auth = bearer(A.mastodon.accessToken);
  type Note = { id: string; status: Record<string, unknown>; account: Record<string, unknown> };
  const notes = (answer: Answer): Note[] => answer.body as Note[];

  it('queues mentions as notifications: increasing string ids, public or direct, shaped like the fixture', async () => {
    const pub = await env.sim.customerSays('mastodon', { customerId: 'rhea', name: 'Rhea', handle: 'rhea', text: 'export button throws a 500 <again>', public: true });
    const dm = await env.sim.customerSays('mastodon', { customerId: 'kofi', name: 'Kofi Mensah', handle: 'kofi_m', text: 'password reset mail never arrives' });
    const answer = await call(env.sim.url, 'GET', '/api/v1/notifications?types[]=mention&limit=40', { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-ratelimit-limit')).toBe('300');
    const [newest, oldest] = notes(answer);
    if (!newest || !oldest) throw new Error('two notifications expected');
    expect(typeof newest.id).toBe('string');
    expect(BigInt(newest.id) > BigInt(oldest.id)).toBe(true);
    expect(missingFromFixture(oldest, (fixture('mastodon-notifications-mentions.json') as unknown[])[0])).toEqual([]);
    expect(oldest).toMatchObject({ type: 'mention', group_key: `ungrouped-${oldest.id}`, status: { id: pub.externalId, visibility: 'public' } });
    expect(newest).toMatchObject({ status: { id: dm.externalId, visibility: 'direct' }, account: { id: dm.senderId, display_name: 'Kofi Mensah' } });
    expect(String(oldest.status.content)).toContain('<span class="h-card" translate="no">');
    expect(String(oldest.status.content)).toContain('export button throws a 500 &lt;again&gt;');
    expect(dig(oldest.status, 'mentions', 0, 'acct')).toBe(A.mastodon.account);
    expect(answer.headers.get('link')).toContain(`max_id=${oldest.id}`);
  });

  it('min_id returns the oldest page just above the cursor; since_id the newest page', async () => {
    const cursor = notes(await call(env.sim.url, 'GET', '/api/v1/notifications?types[]=mention&limit=1', { headers: auth }))[0]?.id ?? '0';
    for (let i = 1; i <= 5; i += 1) await env.sim.customerSays('mastodon', { customerId: `m-${i}`, text: `mention ${i}`, public: i % 2 === 0 });
    const text = (n: Note): string => String(n.status.content).replace(/<[^>]+>/g, '').replace(/^@rapport_care\s*/, '');
    const forward = notes(await call(env.sim.url, 'GET', `/api/v1/notifications?types[]=mention&min_id=${cursor}&limit=2`, { headers: auth }));
    expect(forward.map(text)).toEqual(['mention 2', 'mention 1']);
    const next = notes(await call(env.sim.url, 'GET', `/api/v1/notifications?types[]=mention&min_id=${forward[0]?.id ?? ''}&limit=2`, { headers: auth }));
    expect(next.map(text)).toEqual(['mention 4', 'mention 3']);
    const newestPage = notes(await call(env.sim.url, 'GET', `/api/v1/notifications?types[]=mention&since_id=${cursor}&limit=2`, { headers: auth }));
    expect(newestPage.map(text)).toEqual(['mention 5', 'mention 4']);
    const otherTypes = notes(await call(env.sim.url, 'GET', '/api/v1/notifications?types[]=follow', { headers: auth }));
    expect(otherTypes).toEqual([]);
  });

  it('POST /api/v1/statuses honours Idempotency-Key and refuses blank text with 422', async () => {
    const said = await env.sim.customerSays('mastodon', { customerId: 'kofi', text: 'still nothing' });
    const acct = String(dig(notes(await call(env.sim.url, 'GET', '/api/v1/notifications?limit=1', { headers: auth }))[0], 'account', 'acct'));
    const request = { status: `@${acct} sorry - please try the reset link again.`, in_reply_to_id: said.externalId, visibility: 'direct' };
    const before = env.sim.sent.length;
    const first = await call(env.sim.url, 'POST', '/api/v1/statuses', { json: request, headers: { ...auth, 'idempotency-key': 'key-1' } });
    const retry = await call(env.sim.url, 'POST', '/api/v1/statuses', { json: request, headers: { ...auth, 'idempotency-key': 'key-1' } });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(dig(retry.body, 'id')).toBe(dig(first.body, 'id'));
    expect(env.sim.sent.length).toBe(before + 1);
    expect(first.body).toMatchObject({ in_reply_to_id: said.externalId, in_reply_to_account_id: said.senderId, visibility: 'direct', account: { acct: A.mastodon.account } });
    expect(dig(first.body, 'mentions', 0, 'id')).toBe(said.senderId);
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'mastodon', to: said.senderId, inReplyTo: said.externalId, public: false });

    const other = await call(env.sim.url, 'POST', '/api/v1/statuses', { json: request, headers: { ...auth, 'idempotency-key': 'key-2' } });
    expect(dig(other.body, 'id')).not.toBe(dig(first.body, 'id'));

    const blank = await call(env.sim.url, 'POST', '/api/v1/statuses', { json: { status: '   ' }, headers: auth });
    expect(blank.status).toBe(422);
    expect(blank.body).toEqual({ error: "Validation failed: Text can't be blank" });
    const badToken = await call(env.sim.url, 'GET', '/api/v1/notifications', { headers: bearer('nope') });
    expect(badToken.status).toBe(401);
    expect(badToken.body).toEqual({ error: 'The access token is invalid' });
  });
});

describe('generic API channel callback', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());

  it('verifies x-rapport-signature and answers { id }', async () => {
    const body = JSON.stringify({ id: 'msg-1', conversationId: 'c-1', to: { id: 'cust-1' }, text: 'Hello from an agent', inReplyTo: 'in-1', timestamp: new Date().toISOString() });
    const signature = `sha256=${createHmac('sha256', SECRETS.apiChannelSecret).update(body).digest('hex')}`;
    const ok = await fetch(`${env.sim.url}${A.api.callbackPath}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rapport-signature': signature }, body });
    expect(ok.status).toBe(200);
    const answer = (await ok.json()) as { id: string };
    expect(answer.id).toEqual(expect.any(String));
    expect(env.sim.sent.at(-1)).toMatchObject({ kind: 'api', to: 'cust-1', text: 'Hello from an agent', inReplyTo: 'in-1', id: answer.id, path: A.api.callbackPath });

    const forged = await fetch(`${env.sim.url}${A.api.callbackPath}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rapport-signature': 'sha256=00' }, body });
    expect(forged.status).toBe(401);
    expect(env.sim.sent.at(-1)?.id).toBe(answer.id);
  });

  it('honours Idempotency-Key: the same key again answers the same id and records nothing new', async () => {
    const body = JSON.stringify({ id: 'msg-2', conversationId: 'c-1', to: { id: 'cust-1' }, text: 'Only once, please', inReplyTo: null, timestamp: new Date().toISOString() });
    const headers = { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${createHmac('sha256', SECRETS.apiChannelSecret).update(body).digest('hex')}`, 'idempotency-key': 'msg-2' };
    const before = env.sim.sent.length;
    const first = (await (await fetch(`${env.sim.url}${A.api.callbackPath}`, { method: 'POST', headers, body })).json()) as { id: string };
    const again = (await (await fetch(`${env.sim.url}${A.api.callbackPath}`, { method: 'POST', headers, body })).json()) as { id: string };
    expect(again.id).toBe(first.id);
    expect(env.sim.sent.length).toBe(before + 1);
  });
});

describe('faults', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());

  /** One send per kind, against the stand-in API, for a customer who just wrote. */
  async function send(kind: ChannelKind): Promise<Answer> {
    const said = await env.sim.customerSays(kind, { customerId: `fault-${kind}`, text: 'help' });
    const base = env.sim.url;
    switch (kind) {
      case 'facebook':
      case 'instagram':
        return call(base, 'POST', `/v25.0/${A.facebook.pageId}/messages`, { json: { recipient: { id: said.senderId }, message: { text: 'hi' } }, headers: bearer(A.facebook.pageAccessToken) });
      case 'whatsapp':
        return call(base, 'POST', `/v26.0/${A.whatsapp.phoneNumberId}/messages`, {
          json: { messaging_product: 'whatsapp', to: said.senderId, type: 'text', text: { body: 'hi' } },
          headers: bearer(A.whatsapp.accessToken),
        });
      case 'x':
        return call(base, 'POST', `/2/dm_conversations/with/${said.senderId}/messages`, { json: { text: 'hi' }, headers: bearer(A.x.accessToken) });
      case 'telegram':
        return call(base, 'POST', `/bot${A.telegram.botToken}/sendMessage`, { json: { chat_id: Number(said.senderId), text: 'hi' } });
      case 'mastodon':
        return call(base, 'POST', '/api/v1/statuses', { json: { status: 'hi', visibility: 'direct' }, headers: bearer(A.mastodon.accessToken) });
      case 'api': {
        const body = JSON.stringify({ id: 'm', to: { id: said.senderId }, text: 'hi' });
        return call(base, 'POST', A.api.callbackPath, {
          json: JSON.parse(body) as unknown,
          headers: { 'x-rapport-signature': `sha256=${createHmac('sha256', SECRETS.apiChannelSecret).update(body).digest('hex')}` },
        });
      }
    }
  }

  const withoutTrace = (body: unknown): unknown => {
    const error = dig(body, 'error');
    if (error === null || typeof error !== 'object') return body;
    const { fbtrace_id: _trace, ...rest } = error as Record<string, unknown>;
    return { error: rest };
  };

  it('answer the fixtures error bodies, then recover', async () => {
    const cases: Array<{ kind: ChannelKind; fault: Parameters<Simulator['failNext']>[1]; status: number; body?: unknown; check?: (a: Answer) => void }> = [
      { kind: 'facebook', fault: 'rate-limit', status: 400, body: withoutTrace(fixture('meta-send-api-error-rate-limit.json')) },
      { kind: 'facebook', fault: 'outside-window', status: 400, body: withoutTrace(fixture('meta-send-api-error-outside-window.json')) },
      { kind: 'instagram', fault: 'outside-window', status: 400, body: withoutTrace(fixture('meta-send-api-error-outside-window.json')) },
      { kind: 'facebook', fault: 'invalid-token', status: 401, check: (a) => expect(dig(a.body, 'error', 'code')).toBe(190) },
      { kind: 'facebook', fault: 'server-error', status: 500 },
      { kind: 'whatsapp', fault: 'outside-window', status: 400, body: withoutTrace(fixture('whatsapp-send-error-outside-window.json')) },
      { kind: 'whatsapp', fault: 'rate-limit', status: 400, check: (a) => expect(dig(a.body, 'error', 'code')).toBe(130429) },
      { kind: 'whatsapp', fault: 'invalid-token', status: 401, check: (a) => expect(dig(a.body, 'error', 'code')).toBe(190) },
      {
        kind: 'x',
        fault: 'rate-limit',
        status: 429,
        body: fixture('x-v2-error-429.json'),
        check: (a) => {
          expect(a.headers.get('x-rate-limit-remaining')).toBe('0');
          expect(Number(a.headers.get('x-rate-limit-reset'))).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
        },
      },
      { kind: 'x', fault: 'outside-window', status: 403 },
      { kind: 'x', fault: 'invalid-token', status: 401 },
      {
        kind: 'telegram',
        fault: 'rate-limit',
        status: 429,
        check: (a) => {
          expect(missingFromFixture(a.body, fixture('telegram-error-429.json'))).toEqual([]);
          expect(a.body).toEqual({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } });
        },
      },
      { kind: 'telegram', fault: 'invalid-token', status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } },
      { kind: 'telegram', fault: 'outside-window', status: 403 },
      {
        kind: 'mastodon',
        fault: 'rate-limit',
        status: 429,
        body: { error: 'Too many requests' },
        check: (a) => expect(Date.parse(a.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now() - 1000),
      },
      { kind: 'mastodon', fault: 'invalid-token', status: 401, body: { error: 'The access token is invalid' } },
      { kind: 'mastodon', fault: 'server-error', status: 500 },
      { kind: 'api', fault: 'rate-limit', status: 429 },
      { kind: 'api', fault: 'server-error', status: 500 },
    ];
    for (const c of cases) {
      env.sim.failNext(c.kind, c.fault);
      const failed = await send(c.kind);
      expect({ case: `${c.kind} ${c.fault}`, status: failed.status }).toEqual({ case: `${c.kind} ${c.fault}`, status: c.status });
      if (c.body !== undefined) expect(withoutTrace(failed.body)).toEqual(c.body);
      c.check?.(failed);
      const recovered = await send(c.kind);
      expect({ case: `${c.kind} ${c.fault} then`, status: recovered.status < 300 }).toEqual({ case: `${c.kind} ${c.fault} then`, status: true });
    }
  });

  it('lost-answer: the reply is posted and recorded, but the connection drops before the answer', async () => {
    const before = env.sim.sent.length;
    env.sim.failNext('telegram', 'lost-answer');
    await expect(send('telegram')).rejects.toThrow();
    expect(env.sim.sent.length).toBe(before + 1);
    expect((await send('telegram')).status).toBe(200);
    expect(env.sim.sent.length).toBe(before + 2);
  });

  it('last for `times` sends, are not recorded, and can target polls', async () => {
    const before = env.sim.sent.length;
    env.sim.failNext('telegram', 'server-error', 2);
    expect((await send('telegram')).status).toBe(500);
    expect((await send('telegram')).status).toBe(500);
    expect((await send('telegram')).status).toBe(200);
    expect(env.sim.sent.length).toBe(before + 1);

    env.sim.failNext('telegram', 'rate-limit', 1, 'poll');
    const limited = await call(env.sim.url, 'GET', `/bot${A.telegram.botToken}/getUpdates`);
    expect(limited.status).toBe(429);
    expect((await call(env.sim.url, 'GET', `/bot${A.telegram.botToken}/getUpdates`)).status).toBe(200);

    env.sim.failNext('x', 'rate-limit', 1, 'poll');
    const mentions = await call(env.sim.url, 'GET', `/2/users/${A.x.userId}/mentions`, { headers: bearer(A.x.accessToken) });
    expect(mentions.status).toBe(429);
    expect(mentions.headers.get('x-rate-limit-reset')).toMatch(/^\d+$/);
  });
});

describe('control endpoints', () => {
  let env: Awaited<ReturnType<typeof setup>>;
  beforeAll(async () => {
    env = await setup();
  });
  afterAll(async () => env.close());

  it('say, sent, fail, traffic and health', async () => {
    const said = await call(env.sim.url, 'POST', '/_sim/say', { json: { kind: 'api', customerId: 'ctl', name: 'Control', text: 'via control' } });
    expect(said.status).toBe(200);
    expect(said.body).toMatchObject({ externalId: expect.any(String), senderId: expect.any(String), delivered: true });
    expect(hitsTo(env.rapport, '/webhooks/api/demo').at(-1)?.json).toMatchObject({ text: 'via control', from: { name: 'Control' } });

    const queued = await call(env.sim.url, 'POST', '/_sim/say', { json: { kind: 'x', text: 'public!', public: true } });
    expect(queued.status).toBe(200);
    expect((await call(env.sim.url, 'POST', '/_sim/say', { json: { kind: 'nope', text: 'x' } })).status).toBe(400);
    expect((await call(env.sim.url, 'POST', '/_sim/say', { json: { kind: 'api' } })).status).toBe(400);

    const fail = await call(env.sim.url, 'POST', '/_sim/fail', { json: { kind: 'telegram', fault: 'rate-limit', times: 2 } });
    expect(fail.body).toEqual({ kind: 'telegram', fault: 'rate-limit', times: 2, on: 'send' });
    expect((await call(env.sim.url, 'POST', '/_sim/fail', { json: { kind: 'telegram', fault: 'meteor' } })).status).toBe(400);

    expect((await call(env.sim.url, 'POST', '/_sim/traffic', { json: { messagesPerMinute: 0 } })).body).toEqual({ messagesPerMinute: 0 });
    const health = await call(env.sim.url, 'GET', '/_sim/health');
    expect(health.body).toMatchObject({ status: 'ok', traffic: { messagesPerMinute: 0 }, queued: { x: 1 }, faults: [{ on: 'telegram:send', fault: 'rate-limit', remaining: 2 }] });

    const body = JSON.stringify({ id: 'r', to: { id: 'ctl' }, text: 'reply' });
    await call(env.sim.url, 'POST', A.api.callbackPath, {
      json: JSON.parse(body) as unknown,
      headers: { 'x-rapport-signature': `sha256=${createHmac('sha256', SECRETS.apiChannelSecret).update(body).digest('hex')}` },
    });
    const sent = await call(env.sim.url, 'GET', '/_sim/sent');
    expect(sent.body).toEqual([expect.objectContaining({ kind: 'api', to: 'ctl', text: 'reply' })]);
  });
});

describe('traffic and follow-ups', () => {
  let env: Awaited<ReturnType<typeof setup>> | null = null;
  afterEach(async () => {
    await env?.close();
    env = null;
  });

  it('generates customer messages across channels at the set rate, and pauses at 0', async () => {
    env = await setup({ traffic: { messagesPerMinute: 6000 } });
    const current = env;
    const health = async (): Promise<Record<string, unknown>> => (await call(current.sim.url, 'GET', '/_sim/health')).body as Record<string, unknown>;
    await waitFor(() => current.rapport.hits.length >= 5 || undefined, 'five webhooks', 5000);
    env.sim.setTrafficRate(0);
    const settled = Number((await health()).customerMessages);
    expect(settled).toBeGreaterThanOrEqual(5);
    await new Promise((done) => setTimeout(done, 150));
    expect(Number((await health()).customerMessages)).toBe(settled);
  });

  it('has the customer answer an agent reply a moment later, in their language', async () => {
    env = await setup({ traffic: { messagesPerMinute: 0.0001 }, followUpProbability: 1 });
    const said = await env.sim.customerSays('api', { customerId: 'persona-lena-hoff', text: 'Paket fehlt' });
    const body = JSON.stringify({ id: 'r', to: { id: said.senderId }, text: 'Wir kümmern uns.' });
    const before = hitsTo(env.rapport, '/webhooks/api/demo').length;
    await call(env.sim.url, 'POST', A.api.callbackPath, {
      json: JSON.parse(body) as unknown,
      headers: { 'x-rapport-signature': `sha256=${createHmac('sha256', SECRETS.apiChannelSecret).update(body).digest('hex')}` },
    });
    const current = env;
    const followUp = await waitFor(() => hitsTo(current.rapport, '/webhooks/api/demo')[before], 'a follow-up');
    expect(dig(followUp.json, 'from', 'id')).toBe(said.senderId);
    expect(dig(followUp.json, 'from', 'name')).toBe('Lena Hoffmann');
    expect(String(dig(followUp.json, 'text'))).toMatch(/Danke|Vielen|Perfekt|warte|Neues|Hallo|hilft|Frage|versucht/);
  });

  it('follow-ups stay in the public thread: an X reply brings a mention replying to it', async () => {
    env = await setup({ traffic: { messagesPerMinute: 0.0001 }, followUpProbability: 1 });
    const mention = await env.sim.customerSays('x', { customerId: 'thread', text: 'broken', public: true });
    const reply = await call(env.sim.url, 'POST', '/2/tweets', { json: { text: 'on it', reply: { in_reply_to_tweet_id: mention.externalId } }, headers: bearer(A.x.accessToken) });
    const replyId = String(dig(reply.body, 'data', 'id'));
    const current = env;
    const page = await waitFor(async () => {
      const answer = await call(current.sim.url, 'GET', `/2/users/${A.x.userId}/mentions?since_id=${mention.externalId}&tweet.fields=conversation_id,referenced_tweets,in_reply_to_user_id,author_id`, {
        headers: bearer(A.x.accessToken),
      });
      return dig(answer.body, 'data', 0) ? answer : undefined;
    }, 'a follow-up mention');
    expect(dig(page.body, 'data', 0)).toMatchObject({
      author_id: mention.senderId,
      conversation_id: mention.externalId,
      in_reply_to_user_id: A.x.userId,
      referenced_tweets: [{ type: 'replied_to', id: replyId }],
    });
  });
});
