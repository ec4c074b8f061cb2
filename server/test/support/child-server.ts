import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

/** The repository root, found from this file (server/test/support/). */
export const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
/** The built server (`npm run build -w server`), started as `node server/dist/main.js` would be. */
export const SERVER_MAIN = path.join(REPO_ROOT, 'server', 'dist', 'main.js');

const OUTPUT_TAIL = 64 * 1024;

export interface ChildServer {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** True until the process has exited. */
  readonly alive: () => boolean;
  /** Resolves with the exit code or signal once the process is gone. */
  readonly exited: Promise<string>;
  /** The last 64 KiB the process printed (stdout and stderr), for failure messages. */
  readonly output: () => string;
  /** `kill -9`, then waits (bounded) until the process is gone. */
  readonly kill9: () => Promise<void>;
}

/** A TCP port nothing listens on right now (the kernel picks one, we release it at once). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The environment of a test server on its own database, Redis prefix and a free port: no simulator, demo users seeded. */
export async function testServerEnv(options: { databaseUrl: string; redisUrl: string; redisPrefix: string; apiChannelSecret: string }): Promise<Record<string, string>> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    REDIS_URL: options.redisUrl,
    REDIS_PREFIX: options.redisPrefix,
    PORT: String(await freePort()),
    SIMULATOR: 'off',
    DEMO_SEED: 'on',
    LOG_LEVEL: 'warn',
    API_CHANNEL_SECRET: options.apiChannelSecret,
  };
}

/**
 * Spawns the built server with exactly `env` (plus PATH and HOME): nothing else of this process's
 * environment leaks into its configuration. Does not wait for it to serve; see `waitForHealth`.
 */
export function spawnServer(env: Record<string, string>, options: { ownGroup?: boolean } = {}): ChildServer {
  if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "npm run build -w shared && npm run build -w server" first`);
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // In a process group of its own, a kill -9 can take its worker processes down with it, as a machine crash would.
    detached: options.ownGroup ?? false,
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let running = true;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      resolve(signal ?? `code ${String(code)}`);
    });
    child.once('error', (err) => {
      running = false;
      resolve(`spawn error: ${err.message}`);
    });
  });
  return {
    child,
    baseUrl: `http://127.0.0.1:${env.PORT}`,
    alive: () => running,
    exited,
    output: () => tail,
    kill9: async () => {
      if (child.pid === undefined) return;
      if (options.ownGroup) killGroup9(child.pid);
      else if (running) process.kill(child.pid, 'SIGKILL');
      const gone = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
      if (!gone) throw new Error(`server process ${child.pid} did not die within 10 s of SIGKILL`);
      // The rest of its group: wait until none is left.
      for (let i = 0; options.ownGroup && i < 100 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 100));
    },
  };
}

/** kill -9 of every process of a group. */
export function killGroup9(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // The group is gone already.
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls GET /api/health until it answers 200; fails early if the process exits, and after `timeoutMs`. */
export async function waitForHealth(server: ChildServer, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (!server.alive()) throw new Error(`server exited (${await server.exited}) before it was healthy; its output:\n${server.output()}`);
    try {
      const response = await fetch(`${server.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
      last = `status ${response.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not become healthy within ${timeoutMs} ms (last: ${last}); its output:\n${server.output()}`);
}
