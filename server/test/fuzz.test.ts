import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import { API_SECRET, client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';
import { WEBHOOK_POST_ROUTES } from '../src/modules/ingest/webhook-intake.js';

/**
 * Property-based fuzzing of every webhook and every API route (found in the router, so new routes are
 * covered without touching this file): malformed JSON, wrong types, missing fields, unicode (NUL, lone
 * surrogates, RTL, emoji), huge strings and bodies, wrong or missing signatures and tokens, wrong ids.
 * Every answer is 4xx with a reason (2xx only for a request that is signed or authorised), never 5xx;
 * the process stays up; rejected webhooks store nothing. Seeded: a failure prints the seed and the
 * shrunk case, and `FUZZ_SEED=<seed>` replays it.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20260820);
const META_SECRET = 'fuzz-meta-secret';
const X_SECRET = 'fuzz-x-secret';
const VERIFY_TOKEN = 'fuzz-verify-token';
const TELEGRAM_SECRET = 'fuzz-telegram-secret';
/** Requests in flight at once (fast-check runs batches of this many). */
const PARALLEL = 8;
const WEBHOOK_RUNS = Number(process.env.FUZZ_WEBHOOK_RUNS ?? 440);
const API_RUNS = Number(process.env.FUZZ_API_RUNS ?? 900);
const REQUEST_TIMEOUT_MS = 15_000;
/** Ids and query values in a URL stay under this length: beyond some 16 KB Node itself answers 431, before any route. */
const URL_PART_MAX = 1500;

// ---------------------------------------------------------------------------------------------------------
// Values

/** Text that has broken parsers, databases and logs before. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udc00x',
  'x\ud83d',
  '\u202eevil\u202c',
  'שלום עולם',
  'مرحبا',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301',
  '\u200b\u200d\ufeff',
  "'; DROP TABLE messages; --",
  '%00%2e%2e%2f',
  '../../etc/passwd',
  '{{customer.name}}',
  '<script>alert(1)</script>',
  '\r\n\r\nX-Injected: 1',
  'null',
  'NaN',
  '-0',
  '9'.repeat(40),
  '2026-02-30T25:61:61Z',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
];

const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 20_000 }).map((n) => 'x'.repeat(n)) },
);

const nastyNumber = fc.oneof(
  fc.integer(),
  fc.constantFrom(0, -1, 1e308, -1e308, 2 ** 53 + 1, 1e-300, 101, 1000, 100_000),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(nastyString, scalar, { maxKeys: 5 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
);

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  $ref?: string;
}

/** A value shaped by the route's schema, mostly near-valid, often wrong: the code behind the validation gets fuzzed too. */
function fromSchema(schema: JsonSchema | undefined, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return anyJson;
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((c) => fromSchema(c, ids, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const valid = (): fc.Arbitrary<unknown> => {
    if (schema.enum?.length) return fc.constantFrom(...schema.enum);
    switch (type) {
      case 'string':
        if (schema.format === 'uuid') return ids;
        if (schema.format === 'email') return fc.emailAddress();
        if (schema.format === 'date-time') return fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
        return fc.string({ unit: 'grapheme', maxLength: 30 });
      case 'integer':
        return fc.integer({ min: -10, max: 100_000 });
      case 'number':
        return fc.double({ noNaN: true, noDefaultInfinity: true, min: -10, max: 100_000 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(fromSchema(schema.items, ids, depth + 1), { maxLength: 4 });
      case 'object': {
        const entries = Object.entries(schema.properties ?? {});
        if (entries.length === 0) return fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 });
        return fc.record(Object.fromEntries(entries.map(([k, s]) => [k, fromSchema(s, ids, depth + 1)])), { requiredKeys: [] });
      }
      case 'null':
        return fc.constant(null);
      default:
        return anyJson;
    }
  };
  return fc.oneof({ weight: 4, arbitrary: valid() }, { weight: 1, arbitrary: anyJson });
}

// ---------------------------------------------------------------------------------------------------------
// Requests

type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; text: string }
  | { kind: 'bytes'; bytes: number[] }
  | { kind: 'huge'; megabytes: number };

const malformedJson = fc.oneof(
  fc.constantFrom('{', '[1,2', '{"a":}', '{"a":1,,}', 'undefined', "{'a':1}", '{"a":"\\x00"}', '{"a":"\\ud800"}', '\u0000', '{"a":1}{"b":2}', '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.jsonValue().map((v) => JSON.stringify(v).slice(0, -1)),
);

function bodyArb(shaped: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 16, arbitrary: shaped.map((value): Body => ({ kind: 'json', value })) },
    { weight: 6, arbitrary: anyJson.map((value): Body => ({ kind: 'json', value })) },
    { weight: 4, arbitrary: malformedJson.map((text): Body => ({ kind: 'raw', text })) },
    { weight: 2, arbitrary: fc.constant<Body>({ kind: 'none' }) },
    { weight: 2, arbitrary: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }).map((bytes): Body => ({ kind: 'bytes', bytes })) },
    // Rarer: each costs megabytes on both ends.
    { weight: 1, arbitrary: fc.constantFrom(0.3, 1.5, 6).map((megabytes): Body => ({ kind: 'huge', megabytes })) },
  );
}

function serialize(body: Body): Buffer | undefined {
  switch (body.kind) {
    case 'none':
      return undefined;
    case 'json':
      return Buffer.from(JSON.stringify(body.value) ?? 'null');
    case 'raw':
      return Buffer.from(body.text);
    case 'bytes':
      return Buffer.from(body.bytes);
    case 'huge':
      // Valid JSON, just big: only the size is wrong.
      return Buffer.from(JSON.stringify({ id: 'huge', text: 'x'.repeat(Math.round(body.megabytes * 1024 * 1024)) }));
  }
}

const contentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', '') },
);

const queryString = fc
  .array(fc.tuple(fc.constantFrom('status', 'assignee', 'teamId', 'channel', 'q', 'cursor', 'limit', 'from', 'to', 'groupBy', 'tz', 'before', 'conversationId', 'customerId', 'action', 'hub.mode', 'hub.verify_token', 'hub.challenge', 'crc_token', 'channel'), fc.oneof(nastyString, nastyNumber.map(String))), { maxLength: 4 })
  .map((pairs) => {
    const search = new URLSearchParams();
    for (const [k, v] of pairs) search.append(k, v.slice(0, URL_PART_MAX));
    const text = search.toString();
    return text ? `?${text}` : '';
  });

interface Route {
  method: string;
  /** Express style, `/api/conversations/:id`. */
  path: string;
  schema?: JsonSchema;
}

interface Outcome {
  status: number;
  text: string;
}

async function send(baseUrl: string, method: string, url: string, headers: Record<string, string>, body: Buffer | undefined): Promise<Outcome> {
  const response = await fetch(baseUrl + url, {
    method: method.toUpperCase(),
    headers,
    ...(body !== undefined && method !== 'get' && method !== 'head' ? { body } : {}),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  return { status: response.status, text: await response.text() };
}

/** A refusal must say why: JSON with a non-empty message (or a short plain-text reason). */
function hasReason(outcome: Outcome): boolean {
  try {
    const body = JSON.parse(outcome.text) as { message?: unknown };
    const { message } = body;
    if (typeof message === 'string') return message.trim().length > 0;
    if (Array.isArray(message)) return message.length > 0 && message.every((m) => typeof m === 'string' && m.length > 0);
    return false;
  } catch {
    return outcome.text.trim().length > 0 && outcome.text.length < 2000;
  }
}

/** Percent-encodes any string, lone surrogates included (as U+FFFD, like a browser), kept to a length URLs have. */
function encodeSegment(value: string): string {
  return [...Buffer.from(value.slice(0, URL_PART_MAX), 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

function encodePath(path: string, params: Record<string, string>): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeSegment(params[name] ?? 'x'));
}

// ---------------------------------------------------------------------------------------------------------

describe('fuzz: every webhook and API route answers 4xx with a reason, never 5xx', () => {
  let app: TestApp;
  let db: pg.Client;
  const tokens: Record<'admin' | 'manager' | 'agent', string> = { admin: '', manager: '', agent: '' };
  let routes: Route[] = [];
  const knownIds: string[] = [];
  const tally = { cases: 0, webhooks: 0, api: 0, byStatus: new Map<number, number>() };
  const crashes: unknown[] = [];
  const onCrash = (err: unknown) => crashes.push(err);

  const count = (outcome: Outcome) => {
    tally.cases++;
    tally.byStatus.set(outcome.status, (tally.byStatus.get(outcome.status) ?? 0) + 1);
  };

  async function messageCount(): Promise<number> {
    return Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM messages')).rows[0]!.n);
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onCrash);
    process.on('uncaughtException', onCrash);
    app = await startTestApp({ META_APP_SECRET: META_SECRET, X_CONSUMER_SECRET: X_SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN, TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    tokens.admin = (await login(app.baseUrl, 'admin@rapport.test')).accessToken;
    tokens.manager = (await login(app.baseUrl, 'manager@rapport.test')).accessToken;
    tokens.agent = (await login(app.baseUrl, 'agent1@rapport.test')).accessToken;

    // Something to point ids at: a few customers with conversations.
    for (let i = 0; i < 3; i++) expect((await postApiMessage(app.baseUrl, { id: `fuzz-seed-${i}`, from: { id: `fuzz-cust-${i}`, name: `Fuzz ${i}` }, text: `seed ${i}` })).status).toBe(200);
    await eventually(async () => (await messageCount()) >= 3, 10000, 'seed messages stored');

    // Every route the app serves (webhooks too, which the OpenAPI document leaves out), with the body
    // schema the document gives where it has one.
    const instance = app.app.http!.getHttpAdapter().getInstance() as { router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> } };
    const doc = (await (await fetch(`${app.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
    };
    routes = instance.router.stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map((method) => {
          const openApiPath = layer.route!.path.replace(/:([A-Za-z]+)/g, '{$1}');
          const schema = doc.paths[openApiPath]?.[method]?.requestBody?.content?.['application/json']?.schema;
          return { method, path: layer.route!.path, ...(schema ? { schema } : {}) };
        }),
      )
      // Platforms' POSTs are taken ahead of the router.
      .concat(WEBHOOK_POST_ROUTES.map((path) => ({ method: 'post', path })));
    // Real ids of every kind, so some requests get past "not found" into the code behind.
    const admin = client(app.baseUrl, tokens.admin);
    for (const list of ['/api/conversations', '/api/customers?q=fuzz', '/api/channels', '/api/teams', '/api/users', '/api/agents', '/api/sla-policies', '/api/canned-responses']) {
      const { body } = await admin.get<{ items?: Array<{ id?: string }> } | Array<{ id?: string }>>(list);
      const items = Array.isArray(body) ? body : (body?.items ?? []);
      for (const item of items) if (typeof item.id === 'string') knownIds.push(item.id);
    }
  }, 60_000);

  afterAll(async () => {
    process.off('unhandledRejection', onCrash);
    process.off('uncaughtException', onCrash);
    const statuses = [...tally.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz: ${tally.cases} cases (${tally.webhooks} webhook, ${tally.api} API) over ${routes.length} routes, seed ${SEED}; statuses ${statuses}`);
    await db?.end();
    await app?.close();
  });

  it('finds the routes, webhooks included', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    for (const expected of ['post /webhooks/api/:channelKey', 'get /webhooks/meta', 'post /webhooks/meta', 'get /webhooks/whatsapp', 'post /webhooks/whatsapp', 'get /webhooks/x', 'post /webhooks/x', 'post /webhooks/telegram/:secret', 'post /api/auth/login', 'post /api/conversations/:id/messages']) {
      expect(names).toContain(expected);
    }
    expect(routes.length).toBeGreaterThan(50);
  });

  it('webhooks: wrong, missing or right signatures over malformed events never answer 5xx and store nothing', async () => {
    const before = await messageCount();
    const webhookRoutes = routes.filter((r) => r.path.startsWith('/webhooks/'));
    // A generic API channel event that is certainly invalid: a required field gone or of the wrong type.
    const brokenApiEvent = fc
      .tuple(fc.record({ id: nastyString, from: fc.record({ id: nastyString, name: nastyString }), text: nastyString }), fc.constantFrom('id', 'from', 'text', 'from.id'), fc.oneof(fc.constant(undefined), fc.integer(), fc.boolean(), fc.array(scalar, { maxLength: 2 }), fc.constant(null)))
      .map(([event, field, replacement]) => {
        const copy: Record<string, unknown> = { ...event, from: { ...event.from } };
        const [top, sub] = field.split('.') as [string, string | undefined];
        if (sub) (copy.from as Record<string, unknown>)[sub] = replacement;
        else if (replacement === undefined) delete copy[top];
        else copy[top] = replacement;
        return copy;
      });
    const webhookCase = fc.record({
      route: fc.constantFrom(...webhookRoutes),
      body: bodyArb(fc.oneof(brokenApiEvent, fc.record({ object: fc.constantFrom('page', 'instagram', 'whatsapp_business_account', 'x'), entry: fc.array(anyJson, { maxLength: 3 }) }), fc.record({ update_id: nastyNumber, message: anyJson }), fc.record({ for_user_id: nastyString, tweet_create_events: fc.array(anyJson, { maxLength: 2 }) }))),
      signature: fc.constantFrom('valid', 'missing', 'garbage', 'other-secret', 'other-body', 'wrong-scheme'),
      channelKey: fc.oneof(fc.constant('demo'), nastyString),
      secret: fc.oneof(fc.constant(TELEGRAM_SECRET), nastyString),
      query: fc.oneof(queryString, fc.constant(`?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=12345`), fc.constant('?crc_token=abc')),
      contentType,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(webhookCase, { minLength: PARALLEL, maxLength: PARALLEL }), async (cases) => {
        await Promise.all(
          cases.map(async (c) => {
            const raw = serialize(c.body);
            const bytes = raw ?? Buffer.alloc(0);
            const sign = (secret: string, over: Buffer, encoding: 'hex' | 'base64') => createHmac('sha256', secret).update(over).digest(encoding);
            const isX = c.route.path === '/webhooks/x';
            const secret = c.route.path.startsWith('/webhooks/api') ? API_SECRET : isX ? X_SECRET : META_SECRET;
            const encoding = isX ? 'base64' : 'hex';
            const value = {
              valid: `sha256=${sign(secret, bytes, encoding)}`,
              missing: '',
              garbage: 'sha256=zz',
              'other-secret': `sha256=${sign('not-the-secret', bytes, encoding)}`,
              'other-body': `sha256=${sign(secret, Buffer.from('{}'), encoding)}`,
              'wrong-scheme': `sha1=${createHmac('sha1', secret).update(bytes).digest('hex')}`,
            }[c.signature];
            const header = c.route.path.startsWith('/webhooks/api') ? 'x-rapport-signature' : isX ? 'x-twitter-webhooks-signature' : 'x-hub-signature-256';
            const headers: Record<string, string> = { ...(c.contentType ? { 'content-type': c.contentType } : {}), ...(value ? { [header]: value } : {}) };
            const url = encodePath(c.route.path, { channelKey: c.channelKey, secret: c.secret }) + (c.route.method === 'get' ? c.query : '');
            const outcome = await send(app.baseUrl, c.route.method, url, headers, raw);
            count(outcome);
            tally.webhooks++;
            const what = `${c.route.method} ${url.slice(0, 200)} (${c.signature}, ${c.body.kind}): ${outcome.status} ${outcome.text.slice(0, 300)}`;
            expect({ what, serverError: outcome.status >= 500 }).toEqual({ what, serverError: false });
            if (outcome.status < 300) {
              // 200 only for a signed event (Telegram: the secret path), or a handshake that is right.
              const legit =
                c.route.method === 'get'
                  ? c.query.includes(VERIFY_TOKEN) || (isX && c.query.includes('crc_token'))
                  : c.route.path.startsWith('/webhooks/telegram')
                    ? c.secret === TELEGRAM_SECRET
                    : c.signature === 'valid';
              expect({ what, legit }).toEqual({ what, legit: true });
            } else {
              expect({ what, status: outcome.status >= 400, reason: hasReason(outcome) }).toEqual({ what, status: true, reason: true });
            }
          }),
        );
      }),
      { seed: SEED, numRuns: WEBHOOK_RUNS, endOnFailure: true },
    );
    // Whatever was queued has been worked on: nothing of it became a message.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messageCount()).toBe(before);
  }, 300_000);

  it('API: every route, as anyone, with anything, never answers 5xx; 2xx only when signed in', async () => {
    const apiRoutes = routes.filter((r) => !r.path.startsWith('/webhooks/'));
    const ids = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...knownIds) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(randomUUID()) }, { weight: 1, arbitrary: nastyString });
    const apiCase = fc
      .constantFrom(...apiRoutes)
      .chain((route) =>
        fc.record({
          route: fc.constant(route),
          body: bodyArb(fromSchema(route.schema, ids)),
          auth: fc.constantFrom('admin', 'admin', 'admin', 'manager', 'agent', 'none', 'garbage', 'wrong-scheme'),
          id: ids,
          query: queryString,
          contentType,
        }),
      );
    await fc.assert(
      fc.asyncProperty(fc.array(apiCase, { minLength: PARALLEL, maxLength: PARALLEL }), async (cases) => {
        await Promise.all(
          cases.map(async (c) => {
            const authorization = { admin: `Bearer ${tokens.admin}`, manager: `Bearer ${tokens.manager}`, agent: `Bearer ${tokens.agent}`, none: '', garbage: 'Bearer not.a.token', 'wrong-scheme': `Basic ${tokens.admin}` }[c.auth];
            const headers: Record<string, string> = { ...(c.contentType ? { 'content-type': c.contentType } : {}), ...(authorization ? { authorization } : {}) };
            const url = encodePath(c.route.path, { id: c.id }) + c.query;
            const outcome = await send(app.baseUrl, c.route.method, url, headers, serialize(c.body));
            count(outcome);
            tally.api++;
            const what = `${c.route.method} ${url.slice(0, 200)} as ${c.auth} (${c.body.kind}${c.body.kind === 'json' ? ` ${JSON.stringify(c.body.value)?.slice(0, 200)}` : ''}): ${outcome.status} ${outcome.text.slice(0, 300)}`;
            expect({ what, serverError: outcome.status >= 500 }).toEqual({ what, serverError: false });
            if (outcome.status < 400) {
              // Public by design: health, metrics, and signing in, refreshing and out (a token you do not hold is revoked already).
              const open = /^\/(api\/health|api\/auth\/(login|refresh|logout)|metrics)$/.test(c.route.path);
              const signedIn = c.auth === 'admin' || c.auth === 'manager' || c.auth === 'agent';
              expect({ what, legit: outcome.status < 300 && (open || signedIn) }).toEqual({ what, legit: true });
            } else {
              expect({ what, reason: hasReason(outcome) }).toEqual({ what, reason: true });
            }
          }),
        );
      }),
      { seed: SEED, numRuns: API_RUNS, endOnFailure: true },
    );
  }, 300_000);

  it('tried at least 10,000 cases, and the process is alive and healthy', async () => {
    expect(tally.cases).toBeGreaterThanOrEqual(10_000);
    expect(crashes).toEqual([]);
    const health = await fetch(`${app.baseUrl}/api/health`);
    expect(health.status).toBe(200);
  });
});
