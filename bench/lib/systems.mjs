// The systems under test, each a child process with its own database and Redis key prefix:
// Rapport (the built server), the bare reference pipeline and the raw socket.io fan-out server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { cpuSecondsOf, freePort, hrMs, memoryOf, sleep } from './util.mjs';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const META_APP_SECRET = 'rapport-bench-meta-app-secret';
export const BENCH_PAGE_ID = '104857600099001';

const randomTag = () => randomBytes(4).toString('hex');

/** Things to undo however the bench ends (children, databases, Redis keys), last registered first. */
export class Cleanup {
  constructor() {
    this.steps = [];
  }

  add(label, fn) {
    const step = { label, fn };
    this.steps.push(step);
    return async () => {
      const i = this.steps.indexOf(step);
      if (i >= 0) this.steps.splice(i, 1);
      await fn();
    };
  }

  async runAll(log = console.error) {
    while (this.steps.length) {
      const { label, fn } = this.steps.pop();
      await fn().catch((err) => log(`cleanup: ${label} failed: ${err.message}`));
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Postgres and Redis

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A fresh database, dropped (WITH FORCE) by the returned cleanup. */
export async function freshDatabase(adminUrl, cleanup, label) {
  const name = `rapport_bench_${label}_${randomTag()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const drop = cleanup.add(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  return { name, url: withDatabase(adminUrl, name), drop };
}

/** A Redis key prefix of our own; its keys are deleted by the returned cleanup. */
export function freshRedisPrefix(redisUrl, cleanup, label) {
  const prefix = `rapport-bench-${label}-${randomTag()}`;
  const drop = cleanup.add(`delete redis keys ${prefix}:*`, async () => {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: true });
    await redis.connect();
    try {
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.unlink(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  });
  return { prefix, drop };
}

/** Counts of BullMQ jobs not yet finished in the given queues (waiting, active, delayed, …). */
export function queueWatcher(redisUrl, prefix, names) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {});
  const queues = names.map((name) => new Queue(name, { connection, prefix }));
  return {
    /** Jobs still to do per queue (delayed routing jobs, an agent's offline grace, are timers: not counted). */
    async pendingByQueue() {
      const out = {};
      for (const q of queues) {
        const counts = await q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children');
        out[q.name] = counts.wait + counts.active + counts.prioritized + counts.paused + counts['waiting-children'] + (q.name === 'routing' ? 0 : counts.delayed);
      }
      return out;
    },
    async pending() {
      return Object.values(await this.pendingByQueue()).reduce((a, b) => a + b, 0);
    },
    async close() {
      await Promise.allSettled(queues.map((q) => q.close()));
      connection.disconnect();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Child processes

/** A server run as `node <script>`, its output kept in a log file; stopped with SIGTERM, then SIGKILL. */
export class ChildServer {
  static async start({ label, script, env, cwd, healthUrl, cleanup, nodeArgs = [], timeoutMs = 90_000 }) {
    const logFile = path.join(os.tmpdir(), `rapport-bench-${label}-${process.pid}-${randomTag()}.log`);
    const log = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, [...nodeArgs, script], { cwd, env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    const server = new ChildServer(label, child, logFile);
    server.stopCleanup = cleanup.add(`stop ${label}`, () => server.terminate());
    const until = hrMs() + timeoutMs;
    for (;;) {
      if (server.exited) throw new Error(`${label} exited with code ${child.exitCode} during start-up:\n${server.tail()}`);
      try {
        const res = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
        if (res.status === 200) break;
      } catch {
        /* not listening yet */
      }
      if (hrMs() > until) throw new Error(`${label} did not answer ${healthUrl} with 200 within ${timeoutMs / 1000} s:\n${server.tail()}`);
      await sleep(200);
    }
    server.startedInMs = hrMs() - (until - timeoutMs);
    return server;
  }

  constructor(label, child, logFile) {
    this.label = label;
    this.child = child;
    this.pid = child.pid;
    this.logFile = logFile;
    this.exited = false;
    this.exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    this.exit.then(() => {
      this.exited = true;
    });
  }

  memory() {
    return memoryOf(this.pid);
  }

  tail(lines = 30) {
    try {
      return fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** Output lines other than blank ones (at LOG_LEVEL=warn these are warnings and errors). */
  logLines() {
    try {
      return fs.readFileSync(this.logFile, 'utf8').split('\n').filter((l) => l.trim() !== '');
    } catch {
      return [];
    }
  }

  async terminate(graceMs = 10_000) {
    if (!this.exited) {
      const t0 = hrMs();
      this.child.kill('SIGTERM');
      const stopped = await Promise.race([this.exit.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) {
        this.child.kill('SIGKILL');
        await this.exit;
      }
      this.shutdown = { seconds: (hrMs() - t0) / 1000, killed: !stopped };
    }
    return this.exit;
  }

  /** Stops the server and deletes its log (a server stopped by the cleanup after a failure keeps it). */
  async stop() {
    await this.stopCleanup();
    const exit = await this.exit;
    fs.rmSync(this.logFile, { force: true });
    return exit;
  }
}

async function json(res, what) {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

// ---------------------------------------------------------------------------------------------
// Rapport

/** The demo users' password (the server's demo workspace, DEMO_SEED=on). */
export const DEMO_PASSWORD = 'rapport-demo';

/** Logs in to the server at `base` as a demo user; answers the access token. */
export async function loginToken(base, email) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  return (await json(res, `login as ${email}`)).accessToken;
}

/** `<serverRoot>/server/dist/main.js`, or an error saying to build it. */
function builtMain(serverRoot) {
  const main = path.join(serverRoot, 'server', 'dist', 'main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} does not exist: build the server of ${serverRoot} first (npm run build -w shared && npm run build -w server)`);
  return main;
}

/**
 * The built server as a child process (`rapport-<label>`) on `databaseUrl` with a Redis prefix of its own:
 * production mode, every role in one process, simulator off, demo workspace on, warnings only; `env` adds
 * to that. `stop` stops it and deletes its Redis keys.
 */
/** One key for the whole run: a database seeded by one process (the seed scripts, a server start) is opened by the next. */
// Kept in the environment so the seed scripts, run as child processes, use the same one.
process.env.BENCH_SECRETS_KEY ??= randomBytes(32).toString('base64');
export const BENCH_SECRETS_KEY = process.env.BENCH_SECRETS_KEY;

export async function startRapportServer({ serverRoot, services, cleanup, databaseUrl, label, env: extraEnv = {}, nodeArgs = [] }) {
  const main = builtMain(serverRoot);
  const redis = freshRedisPrefix(services.redisUrl, cleanup, label);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    ROLE: 'all',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: services.redisUrl,
    REDIS_PREFIX: redis.prefix,
    JWT_SECRET: `bench-jwt-${randomBytes(16).toString('hex')}`,
    // A bench holds one access token for its whole run; the 15-minute default would expire under a long one.
    JWT_TTL: '12h',
    SECRETS_KEY: BENCH_SECRETS_KEY,
    SIMULATOR: 'off',
    DEMO_SEED: 'on',
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  delete env.CLIENT_DIST;
  delete env.ADMIN_EMAIL;
  delete env.ADMIN_PASSWORD;
  const server = await ChildServer.start({ label: `rapport-${label}`, script: main, cwd: serverRoot, env, healthUrl: `${base}/api/health`, cleanup, nodeArgs });
  return { server, base, port, redis, stop: async () => { await server.stop(); await redis.drop(); } };
}

/** Waits (up to `maxMs`) until the server's processes use under 5 % of a core over a second: start-up work done. */
export async function settle(pid, maxMs = 30_000) {
  const until = hrMs() + maxMs;
  while (hrMs() < until) {
    const before = cpuSecondsOf(pid);
    await sleep(1000);
    const after = cpuSecondsOf(pid);
    if (before !== null && after !== null && after - before < 0.05) return true;
  }
  return false;
}

/**
 * The built Rapport server (`<serverRoot>/server/dist/main.js`) on a fresh database and Redis prefix,
 * with the demo workspace and one Messenger channel whose Graph calls go to `graphUrl`.
 */
export async function startRapport({ serverRoot, services, cleanup, graphUrl, label, nodeArgs = [] }) {
  builtMain(serverRoot);
  const db = await freshDatabase(services.adminDatabaseUrl, cleanup, label);
  const { server, base, port, redis } = await startRapportServer({ serverRoot, services, cleanup, databaseUrl: db.url, label, env: { META_APP_SECRET }, nodeArgs });

  const login = (email) => loginToken(base, email);
  const adminToken = await login('admin@rapport.test');
  const managerToken = await login('manager@rapport.test');
  const auth = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const teams = await json(await fetch(`${base}/api/teams`, { headers: auth }), 'GET /api/teams');
  const team = teams.find((t) => t.name === 'Care') ?? teams[0];
  const channel = await json(
    await fetch(`${base}/api/channels`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        kind: 'facebook',
        name: 'Bench Messenger',
        teamId: team?.id ?? null,
        config: { pageId: BENCH_PAGE_ID, pageAccessToken: 'bench-page-access-token', apiBaseUrl: graphUrl },
      }),
    }),
    'POST /api/channels',
  );
  const queues = queueWatcher(services.redisUrl, redis.prefix, ['inbound', 'routing', 'outbound']);
  const closeQueues = cleanup.add(`close queue watcher ${label}`, () => queues.close());
  return {
    name: 'rapport',
    server,
    database: db.name,
    base,
    port,
    pageId: BENCH_PAGE_ID,
    channelId: channel.id,
    managerToken,
    webhookPath: '/webhooks/meta',
    healthPath: '/api/health',
    queues,
    stop: () => stopAll(server, closeQueues, db, redis),
  };
}

/** Server first, then what it used: its queue watcher, database and Redis keys. */
async function stopAll(server, closeQueues, db, redis) {
  await server.stop();
  await closeQueues();
  await db.drop();
  await redis.drop();
}

// ---------------------------------------------------------------------------------------------
// Reference systems

export async function startBare({ services, cleanup }) {
  const db = await freshDatabase(services.adminDatabaseUrl, cleanup, 'bare');
  const redis = freshRedisPrefix(services.redisUrl, cleanup, 'bare');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: db.url, REDIS_URL: services.redisUrl, REDIS_PREFIX: redis.prefix, META_APP_SECRET };
  const server = await ChildServer.start({ label: 'bare', script: path.join(benchDir, 'bare-pipeline.mjs'), cwd: benchDir, env, healthUrl: `${base}/health`, cleanup });
  const queues = queueWatcher(services.redisUrl, redis.prefix, ['inbound']);
  const closeQueues = cleanup.add('close queue watcher bare', () => queues.close());
  return {
    name: 'bare',
    server,
    base,
    port,
    pageId: BENCH_PAGE_ID,
    managerToken: null,
    webhookPath: '/webhooks/meta',
    healthPath: '/health',
    queues,
    stop: () => stopAll(server, closeQueues, db, redis),
  };
}

export async function startRawFanout({ cleanup, payloadBytes }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, NODE_ENV: 'production', PORT: String(port), PAYLOAD_BYTES: String(payloadBytes) };
  const server = await ChildServer.start({ label: 'raw-fanout', script: path.join(benchDir, 'raw-fanout.mjs'), cwd: benchDir, env, healthUrl: `${base}/health`, cleanup });
  return {
    name: 'raw-fanout',
    server,
    base,
    port,
    webhookPath: '/emit',
    healthPath: '/health',
    async stop() {
      await server.stop();
    },
  };
}

/** Waits until the system's queues hold no work for a moment; false when it did not drain in time. */
export async function waitIdle(system, { maxMs = 120_000, settleMs = 1000 } = {}) {
  if (!system.queues) {
    await sleep(settleMs);
    return true;
  }
  const until = hrMs() + maxMs;
  let zeroSince = null;
  while (hrMs() < until) {
    const pending = await system.queues.pending().catch(() => -1);
    if (pending === 0) {
      zeroSince ??= hrMs();
      if (hrMs() - zeroSince >= settleMs) return true;
    } else {
      zeroSince = null;
    }
    await sleep(100);
  }
  return false;
}
