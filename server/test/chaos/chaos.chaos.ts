import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import type { Channel, Conversation, LoginResponse, Message, Page } from '@rapport/shared';
import { ensureDatabase } from '../../../scripts/services.mjs';
import { QueueName } from '../../src/core/queues.js';
import { SIMULATED_ACCOUNTS } from '../../src/simulator/accounts.js';
import { startSimulator, type Simulator } from '../../src/simulator/simulator.js';
import { testServerEnv } from '../support/child-server.js';
import { CHAOS_API_SECRET, deliverAll, deliveries, newLedger, postWebhook, type Delivery, type Ledger } from './platform.js';
import { spawnRapport, waitForHealth, type RapportProcess } from './rapport-process.js';
import { startPrivatePostgres, startPrivateRedis, type PrivatePostgres, type PrivateRedis } from './services.js';

/**
 * The chaos suite (`npm run test:chaos`): the built server as a child process (a server and one worker
 * process, as `npm start` runs it) on a private Redis (append-only, fsync always) and a private Postgres
 * cluster, both killed and restarted here. Each scenario gets its own database and key prefix.
 *
 * a. kill -9 of the server and its worker process with 1,200 signed webhooks in flight: every
 *    acknowledged one stored exactly once after the restart; the backlog drains about as fast as in a
 *    clean run.
 * b. Redis killed (-9) under load and started again: webhooks answer 503 meanwhile (never 200, never a
 *    hang), none acknowledged is lost, the workers and the socket relay resume by themselves.
 * c. Postgres stopped (fast) under load and started again: jobs wait and retry, none is lost, the API
 *    answers 503 naming the database within seconds meanwhile.
 * d. every message delivered three times at once (once in other bytes): stored once.
 * e. the worker process killed between the platform's answer to a reply and our commit: the platform got it
 *    once (API channel: same idempotency key; X: the sent-check finds it; Telegram: delivery unknown).
 */

const META_SECRET = 'chaos-meta-secret';
const X_SECRET = 'chaos-x-secret';
const PASSWORD = 'rapport-demo';

interface Figure {
  scenario: string;
  sent: number;
  acked: number;
  stored: number;
  lost: number;
  duplicated: number;
  notes: string;
}

const figures: Figure[] = [];
let faultsSurvived = 0;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(check: () => Promise<T | undefined | false>, timeoutMs: number, what: string, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

interface Probe {
  path: string;
  status: number | 'timeout';
  ms: number;
  message: string;
}

interface Rapport {
  server: RapportProcess;
  env: Record<string, string>;
  /** A pool, so the suite's own connections come back after Postgres does. */
  db: pg.Pool;
  prefix: string;
  baseUrl: () => string;
  restart: () => Promise<void>;
  close: () => Promise<void>;
}

describe('chaos: crashes, outages and redeliveries lose nothing and duplicate nothing', () => {
  let redis: PrivateRedis;
  let postgres: PrivatePostgres;

  beforeAll(async () => {
    [redis, postgres] = await Promise.all([startPrivateRedis(), startPrivatePostgres()]);
  }, 120_000);

  afterAll(async () => {
    const lines = figures.map(
      (f) => `  ${f.scenario.padEnd(34)} ${String(f.sent).padStart(6)} ${String(f.acked).padStart(6)} ${String(f.stored).padStart(6)} ${String(f.lost).padStart(5)} ${String(f.duplicated).padStart(5)}  ${f.notes}`,
    );
    const lost = figures.reduce((n, f) => n + f.lost, 0);
    console.log(
      [
        'chaos summary',
        `  ${'scenario'.padEnd(34)} ${'sent'.padStart(6)} ${'acked'.padStart(6)} ${'stored'.padStart(6)} ${'lost'.padStart(5)} ${'dup'.padStart(5)}  notes`,
        ...lines,
        `  faults survived: ${faultsSurvived}; messages lost: ${lost}`,
      ].join('\n'),
    );
    await redis?.stop();
    await postgres?.destroy();
  }, 60_000);

  /** A server of its own: database, key prefix, port. Demo workspace seeded, simulator off. */
  async function startRapport(name: string, extraEnv: Record<string, string> = {}): Promise<Rapport> {
    const prefix = `chaos${randomBytes(3).toString('hex')}`;
    const databaseUrl = await ensureDatabase(postgres.adminUrl, `chaos_${name}_${prefix}`);
    const env = { ...(await testServerEnv({ databaseUrl, redisUrl: redis.url, redisPrefix: prefix, apiChannelSecret: CHAOS_API_SECRET })), ...extraEnv };
    const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // The suite stops Postgres on purpose: a dropped connection is expected, not a crash.
    db.on('error', () => undefined);
    const rapport: Rapport = {
      server: spawnRapport(env),
      env,
      db,
      prefix,
      baseUrl: () => rapport.server.baseUrl,
      restart: async () => {
        rapport.server = spawnRapport(env);
        await waitForHealth(rapport.server, 60_000);
      },
      close: async () => {
        await rapport.server.kill9().catch(() => undefined);
        await db.end().catch(() => undefined);
      },
    };
    await waitForHealth(rapport.server, 60_000);
    return rapport;
  }

  async function storedCounts(db: pg.Pool, idPrefix: string): Promise<Map<string, number>> {
    const { rows } = await db.query<{ external_id: string; n: string }>('SELECT external_id, count(*) AS n FROM messages WHERE external_id LIKE $1 GROUP BY external_id', [`${idPrefix}-%`]);
    return new Map(rows.map((r) => [r.external_id, Number(r.n)]));
  }

  /** Waits until every acknowledged message is stored; then: lost, doubled, and anything never sent. */
  async function settle(db: pg.Pool, idPrefix: string, ledger: Ledger, timeoutMs: number): Promise<{ stored: Map<string, number>; lost: string[]; doubled: string[]; unexpected: string[] }> {
    let stored = new Map<string, number>();
    const deadline = Date.now() + timeoutMs;
    do {
      stored = await storedCounts(db, idPrefix);
      if ([...ledger.acked].every((id) => stored.has(id))) break;
      await sleep(200);
    } while (Date.now() < deadline);
    return {
      stored,
      lost: [...ledger.acked].filter((id) => !stored.has(id)),
      doubled: [...stored].filter(([, n]) => n !== 1).map(([id, n]) => `${id}×${n}`),
      unexpected: [...stored.keys()].filter((id) => !ledger.sent.has(id)),
    };
  }

  function record(scenario: string, ledger: Ledger, outcome: { stored: Map<string, number>; lost: string[]; doubled: string[] }, notes: string): void {
    figures.push({ scenario, sent: ledger.sent.size, acked: ledger.acked.size, stored: outcome.stored.size, lost: outcome.lost.length, duplicated: outcome.doubled.length, notes });
  }

  async function loginAs(baseUrl: string, email: string): Promise<LoginResponse> {
    const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (response.status !== 200) throw new Error(`login of ${email} answered ${response.status}`);
    return (await response.json()) as LoginResponse;
  }

  /** A manager's inbox socket, reconnecting like the browser's; collects the message ids it hears. */
  function inboxSocket(baseUrl: string, token: string): { socket: Socket; heard: Set<string> } {
    const heard = new Set<string>();
    const socket = io(baseUrl, { auth: { token }, transports: ['websocket'], reconnection: true, reconnectionDelay: 200, forceNew: true });
    socket.on('message.created', (payload: { message?: { externalId?: string | null } }) => {
      if (payload.message?.externalId) heard.add(payload.message.externalId);
    });
    return { socket, heard };
  }

  /**
   * Watches `ids` being stored: from the first new one on (the worker process is up and has committed
   * its first batch) to the last, the rate at which the rest were stored.
   */
  async function drainRate(db: pg.Pool, idPrefix: string, ids: string[], timeoutMs: number): Promise<{ rate: number; firstAt: number; doneAt: number }> {
    const wanted = new Set(ids);
    const storedOf = async () => [...(await storedCounts(db, idPrefix)).keys()].filter((id) => wanted.has(id)).length;
    const before = await storedOf();
    const first = await until(async () => {
      const n = await storedOf();
      return n > before || n === wanted.size ? { at: Date.now(), n } : undefined;
    }, timeoutMs, 'the first message of the backlog stored', 10);
    const doneAt = await until(async () => ((await storedOf()) === wanted.size ? Date.now() : undefined), timeoutMs, 'the backlog to drain', 10);
    return { rate: (wanted.size - first.n) / Math.max(0.001, (doneAt - first.at) / 1000), firstAt: first.at, doneAt };
  }

  /** One API request with a 10 s bound: its status (or 'timeout'), how long it took, and its reason. */
  async function probe(baseUrl: string, path: string, token: string): Promise<Probe> {
    const started = Date.now();
    try {
      const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
      const body = (await response.json().catch(() => ({}))) as { message?: unknown };
      return { path, status: response.status, ms: Date.now() - started, message: typeof body.message === 'string' ? body.message : '' };
    } catch {
      return { path, status: 'timeout', ms: Date.now() - started, message: '' };
    }
  }

  /** One message through, to know the worker process is consuming. */
  async function workerUp(rapport: Rapport, idPrefix: string): Promise<void> {
    expect((await postWebhook(rapport.baseUrl(), { id: `${idPrefix}-0`, customer: `${idPrefix}-c`, text: 'warming up' })).status).toBe(200);
    await until(async () => ((await storedCounts(rapport.db, idPrefix)).size > 0 ? true : undefined), 60_000, 'the worker process to store a message');
  }

  function inboundQueue(prefix: string): Queue {
    const queue = new Queue(QueueName.Inbound, { connection: { url: redis.url, maxRetriesPerRequest: null }, prefix });
    queue.on('error', () => undefined);
    return queue;
  }

  // ---------------------------------------------------------------------------------------------------

  it('a. kill -9 of the server and its worker process mid-webhooks: each acknowledged one stored exactly once, the backlog drains at full speed', async () => {
    // The clean run, shaped like the crash run's drain: its 50 customers known already, then a backlog of
    // 600 queued while the workers are paused, then drained.
    const clean = await startRapport('clean');
    const cleanQueue = inboundQueue(clean.prefix);
    const cleanLedger = newLedger();
    let cleanRate: number;
    try {
      const cleanAll = deliveries('clean', 800);
      await deliverAll(clean.baseUrl, cleanAll.slice(0, 200), cleanLedger, { lanes: 32 });
      await settle(clean.db, 'clean', cleanLedger, 60_000);
      await cleanQueue.pause();
      await deliverAll(clean.baseUrl, cleanAll.slice(200), cleanLedger, { lanes: 32 });
      await cleanQueue.resume();
      cleanRate = (await drainRate(clean.db, 'clean', cleanAll.slice(200).map((d) => d.id), 60_000)).rate;
      const outcome = await settle(clean.db, 'clean', cleanLedger, 60_000);
      expect(outcome.lost).toEqual([]);
    } finally {
      await cleanQueue.close();
      await clean.close();
    }

    const rapport = await startRapport('crash');
    const queue = inboundQueue(rapport.prefix);
    const ledger = newLedger();
    const all = deliveries('crash', 1500);
    try {
      // The worker process is up and storing before the burst, so the crash catches jobs in its hands.
      await workerUp(rapport, 'warm');
      const first = rapport.server;
      let killedAt = 0;
      // More at once than the worker stores, so a backlog builds up for the crash to leave behind.
      await deliverAll(() => first.baseUrl, all, ledger, {
        lanes: 64,
        maxAttempts: 1,
        afterAck: () => {
          if (killedAt || ledger.acked.size < 1000) return;
          killedAt = ledger.acked.size;
          first.killGroup9();
        },
        stop: () => killedAt > 0,
      });
      await first.kill9();
      faultsSurvived++;
      const atKill = await storedCounts(rapport.db, 'crash');
      const active = new Set((await queue.getJobs(['active'])).map((job) => (JSON.parse((job.data as { body: string }).body) as { id: string }).id));
      const backlog = [...ledger.acked].filter((id) => !atKill.has(id));
      expect(backlog.length).toBeGreaterThan(0);

      // While the server is down the platform keeps the unacknowledged ones. Held (queue paused) across the
      // restart and their redelivery, so the whole backlog then drains at once and its speed can be read.
      await queue.pause();
      await rapport.restart();
      await deliverAll(rapport.baseUrl, all.filter((d) => !ledger.acked.has(d.id)), ledger, { lanes: 32 });
      const drainable = [...ledger.acked].filter((id) => !atKill.has(id) && !active.has(id));
      await queue.resume();
      const drain = await drainRate(rapport.db, 'crash', drainable, 60_000);
      // The jobs the crash left active come back once their locks run out (the stalled-job check).
      const stalledBack = await until(async () => {
        const now = await storedCounts(rapport.db, 'crash');
        return backlog.every((id) => now.has(id)) ? Date.now() : undefined;
      }, 60_000, 'the jobs the crash left active to come back');

      // Redeliveries of acknowledged ones (a platform that did not see our 200) change nothing.
      const redeliver = all.filter((d) => ledger.acked.has(d.id)).filter((_, i) => i % 4 === 0);
      await deliverAll(rapport.baseUrl, redeliver, ledger, { lanes: 32 });
      const outcome = await settle(rapport.db, 'crash', ledger, 60_000);
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      record(
        'a. kill -9 mid-webhooks',
        ledger,
        outcome,
        `killed after ${killedAt} acks, ${backlog.length} of them not stored yet (${active.size} in jobs the crash left active); after the restart a backlog of ${drainable.length} drained at ${Math.round(drain.rate)}/s vs ${Math.round(cleanRate)}/s in a clean run (${(drain.rate / cleanRate).toFixed(2)}); the active ones back ${((stalledBack - drain.firstAt) / 1000).toFixed(1)} s after the first store; ${redeliver.length} acknowledged ones redelivered`,
      );
      expect({ lost: outcome.lost, doubled: outcome.doubled, unexpected: outcome.unexpected }).toEqual({ lost: [], doubled: [], unexpected: [] });
      expect(ledger.acked.size).toBe(all.length);
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(0);
      // Same speed, give or take this shared machine's noise.
      expect(drain.rate).toBeGreaterThan(cleanRate * 0.5);
    } finally {
      await queue.close();
      await rapport.close();
    }
  }, 240_000);

  it('b. Redis killed under load and started again: 503 meanwhile, none acknowledged lost, workers and sockets resume', async () => {
    const rapport = await startRapport('redis');
    const ledger = newLedger();
    const manager = await loginAs(rapport.baseUrl(), 'manager@rapport.test');
    const inbox = inboxSocket(rapport.baseUrl(), manager.accessToken);
    const probes: Probe[] = [];
    let downAt = 0;
    let upAt = 0;
    try {
      const all = deliveries('redis', 800);
      const outage = (async () => {
        await until(async () => ledger.acked.size >= 200, 60_000, '200 acknowledged');
        await redis.kill9();
        downAt = Date.now();
        faultsSurvived++;
        await sleep(500);
        // The API meanwhile: health names Redis; nothing hangs or answers 500.
        for (const path of ['/api/health', '/api/conversations', '/api/agents']) probes.push(await probe(rapport.baseUrl(), path, manager.accessToken));
        await sleep(Math.max(0, 4000 - (Date.now() - downAt)));
        await redis.start();
        upAt = Date.now();
      })();
      await deliverAll(rapport.baseUrl, all, ledger, { lanes: 16, retryMs: 250 });
      await outage;
      const outcome = await settle(rapport.db, 'redis', ledger, 90_000);
      const during = ledger.answers.filter((a) => a.at > downAt + 200 && a.at < upAt);
      const okDuring = during.filter((a) => a.status === 200).length;
      const refusals = during.filter((a) => a.status === 503);
      const slowest = Math.max(0, ...during.map((a) => a.ms));
      const other = during.filter((a) => a.status !== 503 && a.status !== 200);
      await until(async () => ([...ledger.acked].every((id) => inbox.heard.has(id)) ? true : undefined), 30_000, 'every stored message on the inbox socket');
      record(
        'b. Redis kill -9 and restart',
        ledger,
        outcome,
        `down ${((upAt - downAt) / 1000).toFixed(1)} s: ${refusals.length} webhooks answered 503 ("${refusals[0]?.reason ?? ''}"), slowest ${slowest} ms, ${okDuring} answered 200; API ${probes.map((p) => `${p.path} ${p.status} in ${p.ms} ms`).join(', ')}; socket heard all ${inbox.heard.size}`,
      );
      expect({ lost: outcome.lost, doubled: outcome.doubled, unexpected: outcome.unexpected }).toEqual({ lost: [], doubled: [], unexpected: [] });
      expect(ledger.acked.size).toBe(all.length);
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.every((a) => /^Redis unavailable/.test(a.reason ?? ''))).toBe(true);
      expect(other.map((a) => `${a.status} ${a.reason ?? ''}`)).toEqual([]);
      expect(slowest).toBeLessThan(8000);
      const health = probes.find((p) => p.path === '/api/health');
      expect({ status: health?.status, redis: /^Redis unavailable/.test(health?.message ?? '') }).toEqual({ status: 503, redis: true });
      expect(probes.filter((p) => p.status === 'timeout' || (typeof p.status === 'number' && p.status >= 500 && p.status !== 503) || p.ms > 8000)).toEqual([]);
      expect(rapport.server.alive()).toBe(true);
    } finally {
      inbox.socket.disconnect();
      await rapport.close();
    }
  }, 180_000);

  it('c. Postgres stopped under load and started again: jobs retry, none lost, the API answers 503 naming the database meanwhile', async () => {
    const rapport = await startRapport('pg');
    const ledger = newLedger();
    const manager = await loginAs(rapport.baseUrl(), 'manager@rapport.test');
    const inbox = inboxSocket(rapport.baseUrl(), manager.accessToken);
    const probes: Probe[] = [];
    let downFor = 0;
    try {
      const all = deliveries('pgdown', 800);
      const outage = (async () => {
        await until(async () => ledger.acked.size >= 200, 60_000, '200 acknowledged');
        const down = Date.now();
        await postgres.stopFast();
        faultsSurvived++;
        // The API while the database is gone: each probe must answer, and say why, within seconds.
        for (let round = 0; round < 3; round++) {
          probes.push(...(await Promise.all(['/api/conversations', '/api/health', '/api/customers?q=chaos'].map((path) => probe(rapport.baseUrl(), path, manager.accessToken)))));
        }
        await postgres.start();
        downFor = Date.now() - down;
      })();
      await deliverAll(rapport.baseUrl, all, ledger, { lanes: 16, retryMs: 250 });
      await outage;
      const outcome = await settle(rapport.db, 'pgdown', ledger, 90_000);
      await until(async () => ([...ledger.acked].every((id) => inbox.heard.has(id)) ? true : undefined), 30_000, 'every stored message on the inbox socket');
      const slowest = Math.max(...probes.map((p) => p.ms));
      record('c. Postgres stop -m fast and start', ledger, outcome, `down ${(downFor / 1000).toFixed(1)} s: ${probes.length} API probes answered ${[...new Set(probes.map((p) => p.status))].join('/')} ("${probes.find((p) => p.status === 503)?.message ?? ''}"), slowest ${slowest} ms; socket heard all ${inbox.heard.size}`);
      expect({ lost: outcome.lost, doubled: outcome.doubled, unexpected: outcome.unexpected }).toEqual({ lost: [], doubled: [], unexpected: [] });
      expect(ledger.acked.size).toBe(all.length);
      expect(probes.map((p) => ({ path: p.path, status: p.status, database: /^Database unavailable/.test(p.message) }))).toEqual(probes.map((p) => ({ path: p.path, status: 503, database: true })));
      expect(slowest).toBeLessThan(8000);
      expect(rapport.server.alive()).toBe(true);

    } finally {
      inbox.socket.disconnect();
      await rapport.close();
    }
  }, 180_000);

  it('d. every message delivered three times at once: stored once', async () => {
    const rapport = await startRapport('triple');
    try {
      const tripleLedger = newLedger();
      const triple = deliveries('triple', 300);
      // Twice byte for byte (the same queue job) and once in other bytes (another job: the database's unique key decides).
      const retimed = triple.map((d) => ({ ...d, timestamp: '2026-08-20T08:15:00Z' }));
      await deliverAll(rapport.baseUrl, [...triple, ...triple, ...retimed].sort((a, b) => a.id.localeCompare(b.id)), tripleLedger, { lanes: 48 });
      const tripled = await settle(rapport.db, 'triple', tripleLedger, 60_000);
      await sleep(1000);
      const after = await storedCounts(rapport.db, 'triple');
      record('d. every message delivered 3×', tripleLedger, { ...tripled, stored: after }, `${triple.length * 3} deliveries of ${triple.length} messages (one in three in other bytes), 48 at once`);
      expect({ lost: tripled.lost, doubled: [...after].filter(([, n]) => n !== 1) }).toEqual({ lost: [], doubled: [] });
      expect(after.size).toBe(triple.length);
    } finally {
      await rapport.close();
    }
  }, 120_000);

  it('e. the worker process killed between the platform answering a reply and our commit: the platform gets it once', async () => {
    const rapport = await startRapport('outbound', { META_APP_SECRET: META_SECRET, X_CONSUMER_SECRET: X_SECRET });
    let killOn: string | null = null;
    let killed = 0;
    const sim: Simulator = await startSimulator({
      rapportUrl: rapport.baseUrl(),
      secrets: { metaAppSecret: META_SECRET, xConsumerSecret: X_SECRET, apiChannelSecret: CHAOS_API_SECRET, apiChannelKey: 'demo' },
      traffic: false,
      followUpProbability: 0,
      // The platform has the reply; Rapport dies before it hears the answer and commits.
      onReply: (reply) => {
        if (killOn && reply.text === killOn) killed = rapport.server.killWorkers9();
      },
    });
    const notes: string[] = [];
    try {
      const token = (await loginAs(rapport.baseUrl(), 'admin@rapport.test')).accessToken;
      const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
        const response = await fetch(`${rapport.baseUrl()}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
        return { status: response.status, body: (await response.json()) as T };
      };
      const channels = (await call<Channel[] | { items: Channel[] }>('GET', '/api/channels')).body;
      const demo = (Array.isArray(channels) ? channels : channels.items).find((c) => c.kind === 'api')!;
      expect((await call('PATCH', `/api/channels/${demo.id}`, { config: { callbackUrl: `${sim.url}${SIMULATED_ACCOUNTS.api.callbackPath}` } })).status).toBe(200);
      const a = SIMULATED_ACCOUNTS;
      for (const [kind, config] of [
        ['x', { ...a.x, pollIntervalSeconds: 1, apiBaseUrl: sim.url }],
        ['telegram', { ...a.telegram, pollIntervalSeconds: 1, apiBaseUrl: sim.url }],
      ] as const) {
        expect((await call('POST', '/api/channels', { kind, name: `Chaos ${kind}`, config })).status).toBe(201);
      }

      const cases: Array<{ kind: 'api' | 'x' | 'telegram'; expect: 'sent' | 'failed' }> = [
        { kind: 'api', expect: 'sent' },
        { kind: 'x', expect: 'sent' },
        { kind: 'telegram', expect: 'failed' },
      ];
      for (const c of cases) {
        const customer = `chaos-out-${c.kind}`;
        if (c.kind === 'api') {
          expect((await postWebhook(rapport.baseUrl(), { id: `${customer}-in`, customer, text: 'Where is my refund?' } satisfies Delivery)).status).toBe(200);
        } else {
          await sim.customerSays(c.kind, { customerId: customer, name: customer, text: `Where is my refund? (${c.kind})` });
        }
        const conversation = await until(async () => {
          const page = await call<Page<Conversation>>('GET', `/api/conversations?channel=${c.kind}&q=${encodeURIComponent('refund')}`);
          return page.body.items?.[0];
        }, 30_000, `the ${c.kind} conversation`);
        const text = `Refund sent today (${c.kind})`;
        killed = 0;
        killOn = text;
        const reply = await call<Message>('POST', `/api/conversations/${conversation.id}/messages`, { text });
        expect(reply.status).toBe(201);
        await until(async () => (killed > 0 ? true : undefined), 30_000, `the kill at the ${c.kind} platform's answer`, 20);
        faultsSurvived++;
        killOn = null;
        const killedAt = Date.now();
        const settled = await until(async () => {
          const thread = await call<{ items: Message[] }>('GET', `/api/conversations/${conversation.id}/messages`);
          const now = thread.body.items?.find((m) => m.id === reply.body.id);
          return now && now.status !== 'queued' ? now : undefined;
        }, 60_000, `the ${c.kind} reply to settle after the restart`, 250);
        const posts = sim.sent.filter((s) => s.text === text);
        notes.push(`${c.kind}: ${posts.length} post, ${settled.status}${settled.error ? ` (${settled.error.split(':')[0]})` : ''} ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
        // The server itself lived on and started a new worker process.
        expect(rapport.server.alive()).toBe(true);
        expect({ kind: c.kind, posts: posts.length, status: settled.status }).toEqual({ kind: c.kind, posts: 1, status: c.expect });
        if (c.expect === 'sent') expect(settled.externalId).toBe(posts[0]!.id);
        else expect(settled.error).toMatch(/^Delivery unknown/);
      }
      figures.push({ scenario: 'e. worker kill -9 at the send', sent: cases.length, acked: cases.length, stored: cases.length, lost: 0, duplicated: 0, notes: notes.join('; ') });
    } finally {
      await sim.close();
      await rapport.close();
    }
  }, 240_000);
});
