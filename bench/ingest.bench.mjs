// Ingest benchmark: signed webhooks → queue → Postgres, end to end through the built server.
// Prints webhook latency (time to a durable 200), throughput until every message is stored, and memory.
// Usage: npm run bench [-- --messages 2000 --concurrency 32]
import { createHmac, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureServices } from '../scripts/services.mjs';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '2000' }, concurrency: { type: 'string', default: '32' }, customers: { type: 'string', default: '200' } } });
const total = Number(values.messages);
const concurrency = Number(values.concurrency);
const customers = Number(values.customers);

const services = await ensureServices({ log: () => undefined });
const dbName = `rapport_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: services.adminDatabaseUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const databaseUrl = Object.assign(new URL(services.adminDatabaseUrl), { pathname: `/${dbName}` }).toString();

const secret = 'bench-secret';
const { loadConfig } = await import('../server/dist/config/env.js');
const { createApp } = await import('../server/dist/app.js');
const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, REDIS_URL: services.redisUrl, REDIS_PREFIX: `bench${randomBytes(3).toString('hex')}`, API_CHANNEL_SECRET: secret, LOG_LEVEL: 'error', SIMULATOR: 'off', PORT: '0' });
const app = await createApp(config);
await app.http.listen(0, '127.0.0.1');
const base = `http://127.0.0.1:${app.http.getHttpServer().address().port}`;

const latencies = [];
let next = 0;
const started = performance.now();
async function sender() {
  while (next < total) {
    const n = next++;
    const body = JSON.stringify({ id: `bench-${n}`, from: { id: `cust-${n % customers}`, name: `Customer ${n % customers}` }, text: `Message number ${n} about my order` });
    const t0 = performance.now();
    const res = await fetch(`${base}/webhooks/api/demo`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` }, body });
    if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
    latencies.push(performance.now() - t0);
  }
}
await Promise.all(Array.from({ length: concurrency }, sender));
const accepted = performance.now();

const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
for (;;) {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM messages');
  if (rows[0].n >= total) break;
  await new Promise((r) => setTimeout(r, 100));
}
const stored = performance.now();

latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
const mem = process.memoryUsage();
console.log(`ingest: ${total} messages from ${customers} customers, ${concurrency} concurrent senders`);
console.log(`  webhook 200 latency ms: p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${latencies.at(-1).toFixed(1)}`);
console.log(`  accepted: ${(total / ((accepted - started) / 1000)).toFixed(0)} webhooks/s`);
console.log(`  stored:   ${(total / ((stored - started) / 1000)).toFixed(0)} messages/s end to end (${((stored - started) / 1000).toFixed(2)} s)`);
console.log(`  memory:   rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);

await db.end();
await app.context.close();
await admin.query(`DROP DATABASE ${dbName} WITH (FORCE)`);
await admin.end();
await services.stop();
