import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { spawnServer, testServerEnv, waitForHealth, type ChildServer } from './support/child-server.js';
import { clearRedisPrefix, eventually, REDIS_URL } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

/**
 * `node server/dist/main.js` with ROLE=all runs its queues in worker processes beside it: they do the work,
 * one that dies is started again, and none outlives the server, however the server ends.
 */

const SECRET = 'worker-processes-api-secret';

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

const isAlive = (pid: number): boolean => fs.existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));

describe('worker processes of a ROLE=all server', () => {
  const prefix = `workers${randomBytes(4).toString('hex')}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let db: pg.Client | undefined;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const env = await testServerEnv({ databaseUrl: database.url, redisUrl: REDIS_URL, redisPrefix: prefix, apiChannelSecret: SECRET });
    server = spawnServer({ ...env, WORKER_PROCESSES: '1' });
    await waitForHealth(server);
  }, 60_000);

  afterAll(async () => {
    await server?.kill9().catch(() => undefined);
    await db?.end();
    await clearRedisPrefix(prefix);
    await database?.drop();
  });

  async function post(id: string): Promise<number> {
    const raw = JSON.stringify({ id, from: { id: `cust-${id}`, name: 'Ada' }, text: 'Where is my parcel?' });
    const response = await fetch(`${server!.baseUrl}/webhooks/api/demo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${hmacSha256Hex(SECRET, raw)}` },
      body: raw,
    });
    return response.status;
  }

  const stored = async (id: string): Promise<boolean> => (await db!.query('SELECT 1 FROM messages WHERE external_id = $1', [id])).rowCount === 1;

  it('stores webhooks through its worker process', async () => {
    const workers = childrenOf(server!.child.pid!);
    expect(workers).toHaveLength(1);
    expect(await post('wp-1')).toBe(200);
    await eventually(() => stored('wp-1'), 15_000, 'the message stored by the worker process');
    // The worker process's counters show in the server's /metrics.
    const metrics = await eventually(async () => {
      const text = await (await fetch(`${server!.baseUrl}/metrics`)).text();
      return /^rapport_inbound_messages_total\{channel_kind="api",outcome="stored"\} 1$/m.test(text) ? text : undefined;
    }, 10_000, 'the stored message counted in /metrics');
    expect(metrics).toMatch(/^# TYPE rapport_inbound_messages_total counter$/m);
  }, 30_000);

  it('starts a worker process that died again, and it takes the work', async () => {
    const [worker] = childrenOf(server!.child.pid!);
    process.kill(worker!, 'SIGKILL');
    await eventually(async () => childrenOf(server!.child.pid!).some((pid) => pid !== worker && isAlive(pid)), 20_000, 'a new worker process');
    expect(await post('wp-2')).toBe(200);
    await eventually(() => stored('wp-2'), 20_000, 'the message stored by the new worker process');
  }, 60_000);

  it('ends its worker processes when the server is killed with SIGKILL', async () => {
    const workers = childrenOf(server!.child.pid!);
    expect(workers.length).toBeGreaterThan(0);
    await server!.kill9();
    await eventually(async () => workers.every((pid) => !isAlive(pid)), 20_000, 'the worker processes to exit');
  }, 40_000);
});
