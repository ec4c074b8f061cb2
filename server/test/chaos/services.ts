import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exec, findBinary, pgError, postgresBinDirs, postgresUser, redisAnswers } from '../../../scripts/services.mjs';
import { freePort } from '../support/child-server.js';

/**
 * Private Redis and Postgres servers for the chaos suite, in temp directories on free ports: the suite
 * kills and restarts them, so the shared servers other tests use are never touched.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

export interface PrivateRedis {
  url: string;
  /** The whole process gone at once, as in a crash (append-only file on disk, fsynced per write). */
  kill9(): Promise<void>;
  /** Starts it again on the same port and data directory; it replays its append-only file. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** redis-server with `appendonly yes` and `appendfsync always`: nothing it acknowledged is lost by a kill -9. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const binary = findBinary('redis-server', ['/usr/bin', '/usr/local/bin', '/usr/sbin']);
  if (!binary) throw new Error('redis-server is not installed (apt-get install redis-server)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chaos-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--logfile', path.join(dir, 'redis.log')], { stdio: 'ignore' });
    await until(() => redisAnswers(url, 500), 20_000, `private redis on ${port}`);
  };
  const gone = async () => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => running.once('exit', () => resolve()));
  };
  await start();
  return {
    url,
    start,
    kill9: async () => {
      child?.kill('SIGKILL');
      await gone();
    },
    stop: async () => {
      child?.kill('SIGTERM');
      await gone();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface PrivatePostgres {
  /** The `postgres` database of the cluster (create others from it). */
  adminUrl: string;
  /** pg_ctl stop -m fast: every connection is cut, in-flight transactions roll back. */
  stopFast(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster and removes its directory. */
  destroy(): Promise<void>;
}

/** A throwaway cluster from the local binaries (initdb, pg_ctl), run as the postgres user when we are root. */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const dirs = postgresBinDirs();
  const initdb = findBinary('initdb', dirs);
  const pgCtl = findBinary('pg_ctl', dirs);
  if (!initdb || !pgCtl) throw new Error('Postgres binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin');
  const user = postgresUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-chaos-pg-'));
  fs.chmodSync(dir, 0o700);
  if (user) exec('chown', ['-R', `${user}:`, dir], null);
  const data = path.join(dir, 'data');
  exec(initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user);
  const port = await freePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  // TCP only (no socket directory to agree on); fsync off: a throwaway cluster, and only fast shutdowns here.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=300`;
  const start = async () => {
    exec(pgCtl, ['-D', data, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start'], user);
    await until(async () => (await pgError(adminUrl)) === null, 30_000, `private postgres on ${port}`);
  };
  await start();
  return {
    adminUrl,
    start,
    stopFast: async () => {
      exec(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop'], user);
    },
    destroy: async () => {
      try {
        exec(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], user);
      } catch {
        // Already stopped.
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
