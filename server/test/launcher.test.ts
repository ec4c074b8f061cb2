import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { REPO_ROOT, SERVER_MAIN, testServerEnv } from './support/child-server.js';
import { clearRedisPrefix, eventually, REDIS_URL } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

/** Processes whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

const isAlive = (pid: number): boolean => {
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
};

/** Whether something accepts connections on the port. */
const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * `npm start` runs the server through scripts/server-process.mjs, in a process group of its own. Here the
 * same helper starts the built server (no build, no service discovery), and the launcher is killed the
 * hardest way: nothing of the server may stay behind, the port must come free.
 */
describe('the npm start launcher', () => {
  const prefix = `launcher${randomBytes(4).toString('hex')}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let launcher: ChildProcess | undefined;
  let output = '';
  const left: number[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run "npm run build -w shared && npm run build -w server" first`);
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const pid of left) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    if (launcher?.pid && isAlive(launcher.pid)) launcher.kill('SIGKILL');
    await clearRedisPrefix(prefix);
    await database?.drop();
  });

  it('takes the server and its worker processes with it when it is killed with SIGKILL, and frees the port', async () => {
    const env = await testServerEnv({ databaseUrl: database!.url, redisUrl: REDIS_URL, redisPrefix: prefix, apiChannelSecret: 'launcher-secret' });
    const port = Number(env.PORT);
    const helper = path.join(REPO_ROOT, 'scripts', 'server-process.mjs');
    launcher = spawn(process.execPath, ['--input-type=module', '-e', `import { runServer } from ${JSON.stringify(helper)}; runServer(process.env);`], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env, WORKER_PROCESSES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-32 * 1024);
    };
    launcher.stdout!.on('data', keep);
    launcher.stderr!.on('data', keep);

    await eventually(
      async () => {
        try {
          return (await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) })).status === 200;
        } catch {
          return false;
        }
      },
      60_000,
      'the server to be healthy',
    ).catch((err: Error) => {
      throw new Error(`${err.message}; its output:\n${output}`);
    });
    const [server] = childrenOf(launcher.pid!);
    expect(server).toBeDefined();
    // In a process group of its own, as npm start runs it.
    expect(fs.readFileSync(`/proc/${server}/stat`, 'utf8').split(') ')[1]!.split(' ')[2]).toBe(String(server));
    const workers = await eventually(() => {
      const found = childrenOf(server!);
      return found.length > 0 ? found : undefined;
    }, 20_000, 'the worker process');
    left.push(server!, ...workers);

    const exited = new Promise((resolve) => launcher!.once('exit', resolve));
    process.kill(launcher.pid!, 'SIGKILL');
    await exited;

    await eventually(async () => !isAlive(server!) && workers.every((pid) => !isAlive(pid)) && !(await listening(port)), 15_000, 'the server and its workers to exit and the port to come free').catch(
      (err: Error) => {
        throw new Error(`${err.message} (server ${isAlive(server!) ? 'alive' : 'gone'}, workers ${workers.filter(isAlive).length} alive); its output:\n${output}`);
      },
    );
  }, 120_000);
});
