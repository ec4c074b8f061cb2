// Finds (or starts) the Postgres and Redis that `npm start` and `npm test` need.
// Order for each: the URL from the environment, then the usual local port, then a private
// server under <repo>/.data started from local binaries, else a clear error saying what to install.
// Private servers listen on 127.0.0.1:54329 (Postgres) and :63790 (Redis); a later run reuses them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(repoRoot, '.data');

const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
const PRIVATE_PG_PORT = 54329;
const PRIVATE_REDIS_PORT = 63790;

const HOW_TO_FIX = `Fix one of:
  - docker compose -f docker/compose.yml up -d postgres redis
  - apt-get install postgresql redis-server   (then re-run; a private server is started under .data/)
  - set DATABASE_URL / REDIS_URL to servers you already run`;

/** Resolves to true when something accepts a TCP connection on host:port. */
export function tcpOpen(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Runs `SELECT 1` against url; returns null when fine, else the error (a port can be open yet refuse us). */
export async function pgError(url) {
  const u = new URL(url);
  if (!(await tcpOpen(u.hostname, u.port || 5432))) return new Error(`nothing listens on ${u.host}`);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  client.on('error', () => {}); // a server shutting down mid-check must not crash us
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err;
  } finally {
    await client.end().catch(() => {});
  }
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates database `name` on the server of `url` if missing; returns the URL pointing at it. */
export async function ensureDatabase(url, name) {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres'), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      // 42P04 / 23505: a parallel run created it first, which is just as good.
      await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`).catch((err) => {
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } finally {
    await client.end();
  }
  return withDatabase(url, name);
}

/** Answers true when a PING over a raw socket gets +PONG (AUTH first when the URL has a password). */
export function redisAnswers(url, timeoutMs = 1500) {
  const u = new URL(url);
  const opts = { host: u.hostname, port: Number(u.port || 6379) };
  const auth = u.password
    ? `AUTH ${u.username ? decodeURIComponent(u.username) + ' ' : ''}${decodeURIComponent(u.password)}\r\n`
    : '';
  return new Promise((resolve) => {
    const socket = u.protocol === 'rediss:' ? tls.connect({ ...opts, servername: opts.host }) : net.connect(opts);
    let reply = '';
    const done = (ok) => { socket.destroy(); resolve(ok); };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once(u.protocol === 'rediss:' ? 'secureConnect' : 'connect', () => socket.write(`${auth}PING\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk;
      if (reply.includes('+PONG')) done(true);
      else if (/(^|\n)-/.test(reply)) done(false); // -NOAUTH, -WRONGPASS, ...
    });
    socket.once('error', () => done(false));
  });
}

/** First existing executable among PATH and extra dirs (newest Postgres version first). */
export function findBinary(name, extraDirs = []) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraDirs].filter(Boolean);
  for (const dir of dirs) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch { /* keep looking */ }
  }
  return null;
}

export function postgresBinDirs() {
  try {
    return fs.readdirSync('/usr/lib/postgresql')
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => `/usr/lib/postgresql/${v}/bin`);
  } catch {
    return [];
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command synchronously, as `user` when given (runuser), throwing with its output on failure. */
export function exec(cmd, args, user) {
  const [file, argv] = user ? ['runuser', ['-u', user, '--', cmd, ...args]] : [cmd, args];
  const res = spawnSync(file, argv, { encoding: 'utf8' });
  if (res.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${res.error?.message ?? ''}${res.stdout}${res.stderr}`);
  }
  return res.stdout;
}

/** Postgres refuses to run as root, so as root we run it as an unprivileged account. */
export function postgresUser() {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    if (spawnSync('id', ['-u', name]).status === 0) return name;
  }
  throw new Error('running as root and found no unprivileged user (postgres/nobody) to run Postgres as');
}

/** Starts (or reuses) a private cluster in .data/postgres on PRIVATE_PG_PORT; returns { url, stop }. */
async function startPrivatePostgres(log) {
  const binDirs = postgresBinDirs();
  const initdb = findBinary('initdb', binDirs);
  const pgCtl = findBinary('pg_ctl', binDirs);
  if (!initdb || !pgCtl) return null;

  const url = `postgres://postgres@127.0.0.1:${PRIVATE_PG_PORT}/postgres`;
  if (!(await pgError(url))) {
    log(`postgres: reusing the private server on port ${PRIVATE_PG_PORT} (left running by an earlier run)`);
    return { url, stop: async () => {} };
  }

  const user = postgresUser();
  fs.mkdirSync(dataDir, { recursive: true });
  let dir = path.join(dataDir, 'postgres');
  if (user && spawnSync('runuser', ['-u', user, '--', 'test', '-x', dataDir]).status !== 0) {
    // The unprivileged user cannot even reach .data (e.g. a repo under /root): keep the cluster in /tmp.
    dir = path.join(os.tmpdir(), `rapport-postgres-${process.getuid()}`);
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (user) exec('chown', ['-R', `${user}:`, dir]);

  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`postgres: creating a private cluster in ${path.relative(repoRoot, dir) || dir}`);
    exec(initdb, ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], user);
  }
  log(`postgres: starting the private server on 127.0.0.1:${PRIVATE_PG_PORT}`);
  // TCP only: a unix socket would need a writable, short-enough directory.
  const options = `-p ${PRIVATE_PG_PORT} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`;
  exec(pgCtl, ['-D', dir, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'], user);
  for (let i = 0; i < 60 && (await pgError(url)); i++) await sleep(500);
  const err = await pgError(url);
  if (err) throw new Error(`private postgres did not come up (${err.message}); see ${dir}/server.log`);

  return {
    url,
    stop: async () => {
      log('postgres: stopping the private server');
      exec(pgCtl, ['-D', dir, '-m', 'fast', '-w', 'stop'], user);
    },
  };
}

/** Starts (or reuses) a private redis-server on PRIVATE_REDIS_PORT; returns { url, stop }. */
async function startPrivateRedis(log) {
  const redisServer = findBinary('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  if (!redisServer) return null;

  const url = `redis://127.0.0.1:${PRIVATE_REDIS_PORT}`;
  if (await redisAnswers(url)) {
    log(`redis: reusing the private server on port ${PRIVATE_REDIS_PORT} (left running by an earlier run)`);
    return { url, stop: async () => {} };
  }
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  log(`redis: starting a private server on 127.0.0.1:${PRIVATE_REDIS_PORT}`);
  const pidFile = path.join(dir, 'redis.pid');
  // Throwaway cache/queue data for dev and tests: no persistence.
  exec(redisServer, [
    '--port', String(PRIVATE_REDIS_PORT), '--bind', '127.0.0.1', '--dir', dir,
    '--save', '', '--appendonly', 'no', '--daemonize', 'yes',
    '--pidfile', pidFile, '--logfile', path.join(dir, 'redis.log'),
  ]);
  for (let i = 0; i < 40 && !(await redisAnswers(url)); i++) await sleep(250);
  if (!(await redisAnswers(url))) throw new Error(`private redis did not come up; see ${dir}/redis.log`);

  return {
    url,
    stop: async () => {
      log('redis: stopping the private server');
      try {
        process.kill(Number(fs.readFileSync(pidFile, 'utf8')), 'SIGTERM');
      } catch { /* already gone */ }
      for (let i = 0; i < 40 && (await redisAnswers(url)); i++) await sleep(100);
    },
  };
}

async function ensurePostgres(explicitUrl, database, log) {
  if (explicitUrl) {
    let err = await pgError(explicitUrl);
    if (err?.code === '3D000') {
      // The server answers but the database does not exist yet: create it.
      const name = decodeURIComponent(new URL(explicitUrl).pathname.slice(1));
      await ensureDatabase(explicitUrl, name).catch(() => {});
      err = await pgError(explicitUrl);
    }
    if (err) throw new Error(`DATABASE_URL ${redact(explicitUrl)} does not answer: ${err.message}`);
    log(`postgres: using ${redact(explicitUrl)}`);
    return { url: explicitUrl, adminUrl: withDatabase(explicitUrl, 'postgres'), stop: async () => {} };
  }

  const probe = process.env.RAPPORT_PG_PROBE_URL ?? DEFAULT_PG;
  const probeErr = await pgError(probe);
  let server;
  if (!probeErr) {
    log(`postgres: using the local server at ${new URL(probe).host}`);
    server = { url: probe, stop: async () => {} };
  } else {
    log(`postgres: nothing usable at ${new URL(probe).host} (${probeErr.message})`);
    server = await startPrivatePostgres(log);
    if (!server) throw new Error(`No Postgres found: nothing answers at ${new URL(probe).host} and no local Postgres binaries (initdb, pg_ctl) were found.\n${HOW_TO_FIX}`);
  }
  const url = await ensureDatabase(server.url, database);
  return { url, adminUrl: withDatabase(server.url, 'postgres'), stop: server.stop };
}

async function ensureRedis(explicitUrl, log) {
  if (explicitUrl) {
    if (!(await redisAnswers(explicitUrl))) throw new Error(`REDIS_URL ${redact(explicitUrl)} does not answer PING.\n${HOW_TO_FIX}`);
    log(`redis: using ${redact(explicitUrl)}`);
    return { url: explicitUrl, stop: async () => {} };
  }
  const probe = process.env.RAPPORT_REDIS_PROBE_URL ?? DEFAULT_REDIS;
  if (await redisAnswers(probe)) {
    log(`redis: using the local server at ${new URL(probe).host}`);
    return { url: probe, stop: async () => {} };
  }
  log(`redis: nothing answers at ${new URL(probe).host}`);
  const server = await startPrivateRedis(log);
  if (!server) throw new Error(`No Redis found: nothing answers at ${new URL(probe).host} and redis-server is not installed.\n${HOW_TO_FIX}`);
  return server;
}

function redact(url) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * Makes sure Postgres and Redis answer. Returns { databaseUrl, adminDatabaseUrl, redisUrl, stop }:
 * databaseUrl points at `database` (created if missing), adminDatabaseUrl at the `postgres` database of
 * the same server; stop() stops only the servers this call started (servers reused from elsewhere stay).
 */
export async function ensureServices({
  log = console.log,
  databaseUrl = process.env.DATABASE_URL,
  redisUrl = process.env.REDIS_URL,
  database = 'rapport',
} = {}) {
  const postgres = await ensurePostgres(databaseUrl, database, log);
  let redis;
  try {
    redis = await ensureRedis(redisUrl, log);
  } catch (err) {
    await postgres.stop().catch(() => {});
    throw err;
  }
  return {
    databaseUrl: postgres.url,
    adminDatabaseUrl: postgres.adminUrl,
    redisUrl: redis.url,
    stop: async () => {
      await redis.stop().catch((err) => log(`redis: stop failed: ${err.message}`));
      await postgres.stop().catch((err) => log(`postgres: stop failed: ${err.message}`));
    },
  };
}

/** Newest modification time (ms) of a file or of any file below a directory (skipping node_modules, dist). */
function newestMtime(p) {
  let stat;
  try {
    stat = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

function newestOutput(dir) {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true })) {
    newest = Math.max(newest, fs.statSync(path.join(dir, entry)).mtimeMs);
  }
  return newest;
}

/**
 * `npm run build -w <ws>` for each workspace whose dist/ is older than its inputs (its own files, the
 * shared sources it compiles against, the base tsconfig and the lockfile). Delete dist/ to force a build.
 */
export function buildWorkspaces(workspaces, { log = console.log } = {}) {
  for (const ws of workspaces) {
    const inputs = [ws, 'shared/src', 'tsconfig.base.json', 'package-lock.json'].map((p) => path.join(repoRoot, p));
    const built = newestOutput(path.join(repoRoot, ws, 'dist'));
    if (built && built >= Math.max(...inputs.map(newestMtime))) {
      log(`build: ${ws} is up to date`);
      continue;
    }
    const res = spawnSync('npm', ['run', 'build', '-w', ws], { cwd: repoRoot, stdio: 'inherit' });
    if (res.status !== 0) throw new Error(`npm run build -w ${ws} failed`);
  }
}
