import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { QueueName, type InboundJob } from '../src/core/queues.js';
import { spawnServer, testServerEnv, waitForHealth, type ChildServer } from './support/child-server.js';
import { clearRedisPrefix, REDIS_URL } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * kill -9 of the server while webhooks are being acknowledged and its inbound queue has a backlog:
 * after a restart every acknowledged message is stored exactly once, redeliveries (of acknowledged
 * messages too) change nothing, each customer keeps one open conversation, and the event log holds one
 * `message.created` per stored message. Runs the built server (server/dist) as a child process.
 */

const SECRET = 'crash-test-api-secret';
const MESSAGES = 1200;
const CUSTOMERS = 50;
/** Requests in flight at once, before and after the crash. */
const IN_FLIGHT = 32;
/** The server is killed as soon as this many webhooks were answered 200. */
const KILL_AFTER_ACKS = 300;
/** Acknowledged messages the "platform" delivers again after the restart (half byte for byte, half re-timed). */
const REDELIVERED_ACKED = 150;
/** Ids of the same shape that are never posted: none of them may show up. */
const NEVER_SENT = 25;
/** After the last webhook of phase 2: until every acknowledged message is stored and the inbound queue is empty. */
const SETTLE_TIMEOUT_MS = 70_000;
const REQUEST_TIMEOUT_MS = 10_000;

const messageId = (i: number): string => `crash-m${String(i).padStart(5, '0')}`;
const customerId = (i: number): string => `crash-c${String(i % CUSTOMERS).padStart(3, '0')}`;

/** `same`: the original bytes (a platform's redelivery); `retimed`: the same message with a timestamp, i.e. other bytes. */
type Variant = 'same' | 'retimed';

function rawBody(i: number, variant: Variant): string {
  const message = { id: messageId(i), from: { id: customerId(i), name: `Crash Customer ${i % CUSTOMERS}` }, text: `Message ${i}: where is my order #${1000 + i}?` };
  return JSON.stringify(variant === 'retimed' ? { ...message, timestamp: '2024-05-01T10:00:00Z' } : message);
}

/** One signed webhook; resolves with the status, or with the error text when the connection broke. */
async function post(baseUrl: string, raw: string): Promise<number | string> {
  try {
    const response = await fetch(`${baseUrl}/webhooks/api/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}` },
      body: raw,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.status;
  } catch (err) {
    return err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
  }
}

interface Delivery {
  i: number;
  variant: Variant;
}

/**
 * Sends deliveries with IN_FLIGHT requests at a time. `afterAck` runs synchronously after each 200 and
 * may return true to stop taking new deliveries (requests already in flight finish either way).
 * `attempts` > 1 retries a delivery whose connection broke (bounded). Returns the last outcome of each.
 */
async function deliver(
  baseUrl: string,
  deliveries: Delivery[],
  record: { sent: Set<string>; acked: Set<string> },
  options: { afterAck?: () => boolean; attempts?: number; inFlight?: { count: number } } = {},
): Promise<Array<{ delivery: Delivery; outcome: number | string }>> {
  const outcomes: Array<{ delivery: Delivery; outcome: number | string }> = [];
  const inFlight = options.inFlight ?? { count: 0 };
  let next = 0;
  let stopped = false;
  const lane = async () => {
    while (!stopped && next < deliveries.length) {
      const delivery = deliveries[next++]!;
      const id = messageId(delivery.i);
      let outcome: number | string = 'not sent';
      for (let attempt = 1; attempt <= (options.attempts ?? 1) && !stopped; attempt++) {
        record.sent.add(id);
        inFlight.count++;
        outcome = await post(baseUrl, rawBody(delivery.i, delivery.variant));
        inFlight.count--;
        if (typeof outcome === 'number') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      outcomes.push({ delivery, outcome });
      if (outcome === 200) {
        record.acked.add(id);
        if (options.afterAck?.()) stopped = true;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return outcomes;
}

describe('crash recovery: kill -9 in the middle of acknowledged webhooks', () => {
  const prefix = `crash${randomBytes(4).toString('hex')}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let db: pg.Client | undefined;
  let inbound: Queue<InboundJob> | undefined;
  let server: ChildServer | undefined;

  const sent = new Set<string>();
  const acked = new Set<string>();
  const neverSent = Array.from({ length: NEVER_SENT }, (_, k) => messageId(MESSAGES + k));
  let atKill = { acked: 0, inFlight: 0, storedAfterKill: 0, queuedAfterKill: 0, activeAfterKill: 0 };
  let redelivered: string[] = [];
  let phase2Failures: Array<{ id: string; outcome: number | string }> = [];
  let settled = { allStored: false, queueEmpty: false, ms: 0 };
  /** Inbound jobs still in Redis when the wait ended: which message, in which state, and whether a lock still holds it. */
  let leftover: Array<{ message: string; state: string; lockTtlMs: number; sinceStartedMs: number | null }> = [];
  const timeline: Record<string, number> = {};
  let t0 = 0;
  const mark = (what: string) => {
    timeline[what] = Date.now() - t0;
  };

  async function storedCounts(): Promise<Map<string, number>> {
    const { rows } = await db!.query<{ external_id: string | null; n: string }>('SELECT external_id, count(*) AS n FROM messages GROUP BY external_id');
    return new Map(rows.map((r) => [r.external_id ?? '(null)', Number(r.n)]));
  }

  async function leftoverJobs(): Promise<typeof leftover> {
    const redis = new Redis(REDIS_URL);
    try {
      const jobs = await inbound!.getJobs(['active', 'waiting', 'delayed', 'prioritized']);
      return Promise.all(
        jobs.map(async (job) => ({
          message: String((JSON.parse(job.data.body) as { id?: unknown }).id),
          state: await job.getState(),
          lockTtlMs: await redis.pttl(`${prefix}:inbound:${job.id}:lock`),
          sinceStartedMs: job.processedOn ? Date.now() - job.processedOn : null,
        })),
      );
    } finally {
      await redis.quit();
    }
  }

  async function inboundCounts(): Promise<Record<string, number>> {
    return inbound!.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed');
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    inbound = new Queue<InboundJob>(QueueName.Inbound, { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix });

    const env = await testServerEnv({ databaseUrl: database.url, redisUrl: REDIS_URL, redisPrefix: prefix, apiChannelSecret: SECRET });

    // Phase 1: deliver in order until KILL_AFTER_ACKS are acknowledged, then kill -9 with requests in flight.
    t0 = Date.now();
    server = spawnServer(env);
    await waitForHealth(server);
    mark('healthy');
    const first = server;
    const inFlight = { count: 0 };
    let killed = false;
    await deliver(first.baseUrl, Array.from({ length: MESSAGES }, (_, i) => ({ i, variant: 'same' as const })), { sent, acked }, {
      inFlight,
      afterAck: () => {
        // Answers that arrived together with the one that triggered the kill must not kill (and count) again.
        if (killed || acked.size < KILL_AFTER_ACKS) return killed;
        killed = true;
        atKill = { ...atKill, acked: acked.size, inFlight: inFlight.count };
        process.kill(first.child.pid!, 'SIGKILL');
        mark('killed');
        return true;
      },
    });
    await first.kill9(); // already killed: waits until it is gone
    expect(first.alive()).toBe(false);
    // What the crash left: committed rows in Postgres (open transactions died with their connections), jobs in Redis.
    const counts = await inboundCounts();
    atKill = {
      ...atKill,
      storedAfterKill: [...(await storedCounts()).values()].reduce((a, b) => a + b, 0),
      queuedAfterKill: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0),
      activeAfterKill: counts.active ?? 0,
    };

    // Phase 2: restart on the same database and Redis prefix; the platform re-sends what was not acknowledged,
    // redelivers some acknowledged messages (byte for byte, and with other bytes), and sends the rest.
    server = spawnServer(env);
    await waitForHealth(server);
    mark('restarted');
    const ackedBefore = [...acked].map((id) => Number(id.slice('crash-m'.length)));
    const step = Math.max(1, Math.floor(ackedBefore.length / REDELIVERED_ACKED));
    const again: Delivery[] = ackedBefore.filter((_, k) => k % step === 0).slice(0, REDELIVERED_ACKED).map((i, k) => ({ i, variant: k % 2 === 0 ? 'same' : 'retimed' }));
    redelivered = again.map((d) => messageId(d.i));
    const rest: Delivery[] = Array.from({ length: MESSAGES }, (_, i) => i).filter((i) => !acked.has(messageId(i))).map((i) => ({ i, variant: 'same' as const }));
    // Redeliveries spread through the rest, so some race the recovery of the jobs the crash interrupted.
    const phase2: Delivery[] = [];
    const every = Math.max(1, Math.ceil(rest.length / Math.max(1, again.length)));
    rest.forEach((d, k) => {
      if (k % every === 0 && again.length) phase2.push(again.shift()!);
      phase2.push(d);
    });
    phase2.push(...again);
    const outcomes = await deliver(server.baseUrl, phase2, { sent, acked }, { attempts: 3 });
    mark('phase2Sent');
    phase2Failures = outcomes.filter((o) => o.outcome !== 200).map((o) => ({ id: messageId(o.delivery.i), outcome: o.outcome }));

    // Bounded wait: every acknowledged message stored, and nothing left in the inbound queue that could still
    // store a second copy. The jobs the crash left active come back only through BullMQ's stalled check (lock
    // expired, then two passes of the checker): with the server's defaults of 30 s each that is 60-90 s after
    // the restart, so this wait is most of the test's time.
    const started = Date.now();
    while (Date.now() - started < SETTLE_TIMEOUT_MS) {
      const stored = await storedCounts();
      settled.allStored = [...acked].every((id) => stored.has(id));
      if (settled.allStored && timeline.allStored === undefined) mark('allStored');
      const c = await inboundCounts();
      settled.queueEmpty = (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0) === 0;
      if (settled.allStored && settled.queueEmpty) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    settled = { ...settled, ms: Date.now() - started };
    mark('settled');
    leftover = await leftoverJobs();
    console.log(
      `crash-recovery: killed after ${atKill.acked} acks with ${atKill.inFlight} requests in flight; ` +
        `${atKill.storedAfterKill} stored at the crash, ${atKill.queuedAfterKill} queued and ${atKill.activeAfterKill} active jobs left; ` +
        `after restart sent ${phase2.length} (${redelivered.length} redeliveries of acknowledged ones), ` +
        `${acked.size} acknowledged in all; all stored ${timeline.allStored === undefined ? 'never' : `${timeline.allStored - timeline.restarted!} ms after the restart`}; settled=${JSON.stringify(settled)} counts=${JSON.stringify(await inboundCounts())} timeline(ms)=${JSON.stringify(timeline)}`,
    );
  }, 110_000);

  afterAll(async () => {
    await server?.kill9().catch(() => undefined);
    await inbound?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await database?.drop();
    await clearRedisPrefix(prefix);
  }, 30_000);

  it('crashed while webhooks were in flight and acknowledged messages were still queued', () => {
    expect(atKill.acked).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(atKill.inFlight).toBeGreaterThan(0);
    // The point of the test: acknowledged messages that were not stored yet when the process died.
    expect(atKill.acked - atKill.storedAfterKill).toBeGreaterThan(0);
    expect(atKill.storedAfterKill).toBeLessThan(MESSAGES);
  });

  it('acknowledged every message after the restart', () => {
    expect(phase2Failures).toEqual([]);
    expect(acked.size).toBe(MESSAGES);
    expect(redelivered.length).toBe(REDELIVERED_ACKED);
  });

  it('stores every acknowledged message exactly once, and nothing else', async () => {
    const stored = await storedCounts();
    const missing = [...acked].filter((id) => !stored.has(id)).sort();
    const doubled = [...stored].filter(([, n]) => n !== 1).map(([id, n]) => `${id}×${n}`).sort();
    const unexpected = [...stored.keys()].filter((id) => !sent.has(id)).sort();
    // `leftover` names the inbound jobs (if any) still waiting or held in Redis when the bounded wait ended.
    expect({ missing, doubled, unexpected, leftover }).toEqual({ missing: [], doubled: [], unexpected: [], leftover: [] });
    expect(neverSent.filter((id) => stored.has(id))).toEqual([]);
    expect(redelivered.filter((id) => stored.get(id) !== 1)).toEqual([]);
    expect(stored.size).toBe(MESSAGES);
    expect(settled.queueEmpty).toBe(true);
  });

  it('keeps one customer, one identity and one open conversation per sender', async () => {
    const conversations = await db!.query<{ identity_id: string; n: string }>(
      "SELECT identity_id, count(*) AS n FROM conversations WHERE status <> 'resolved' GROUP BY identity_id",
    );
    expect(conversations.rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(conversations.rows.length).toBe(CUSTOMERS);
    const identities = await db!.query<{ n: string }>('SELECT count(*) AS n FROM customer_identities');
    expect(Number(identities.rows[0]!.n)).toBe(CUSTOMERS);
    const customers = await db!.query<{ n: string }>('SELECT count(*) AS n FROM customers');
    expect(Number(customers.rows[0]!.n)).toBe(CUSTOMERS);
  });

  it('logs exactly one message.created event per stored message', async () => {
    const messages = await db!.query<{ id: string }>('SELECT id FROM messages');
    const events = await db!.query<{ n: string }>("SELECT count(*) AS n FROM events WHERE type = 'message.created'");
    expect(Number(events.rows[0]!.n)).toBe(messages.rows.length);
    const perMessage = await db!.query<{ id: string | null; n: string }>(
      "SELECT payload->'message'->>'id' AS id, count(*) AS n FROM events WHERE type = 'message.created' GROUP BY 1",
    );
    const byId = new Map(perMessage.rows.map((r) => [r.id ?? '(null)', Number(r.n)]));
    const messageIds = new Set(messages.rows.map((m) => m.id));
    expect({
      withoutEvent: messages.rows.filter((m) => !byId.has(m.id)).map((m) => m.id),
      doubledEvents: [...byId].filter(([, n]) => n !== 1).map(([id, n]) => `${id}×${n}`),
      eventsForNoMessage: [...byId.keys()].filter((id) => !messageIds.has(id)),
    }).toEqual({ withoutEvent: [], doubledEvents: [], eventsForNoMessage: [] });
  });
});
