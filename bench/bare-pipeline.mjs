// The bare reference pipeline the bench compares Rapport with: the least a correct ingest can do.
//   plain node http → Meta signature check (X-Hub-Signature-256) → BullMQ add (200 once Redis has it)
//   → BullMQ Worker (concurrency 8, this process) → one pg INSERT → socket.io `message.created` to one room.
// Same packages as Rapport (bullmq, ioredis, pg, socket.io), same job options, no framework, no domain.
// Env: PORT, DATABASE_URL, REDIS_URL, REDIS_PREFIX, META_APP_SECRET. GET /health answers 200 when ready.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { Server } from 'socket.io';

const { PORT = '0', DATABASE_URL, REDIS_URL, REDIS_PREFIX = 'bare', META_APP_SECRET } = process.env;
if (!DATABASE_URL || !REDIS_URL || !META_APP_SECRET) throw new Error('DATABASE_URL, REDIS_URL and META_APP_SECRET are required');

const ROOM = 'inbox';
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS messages (
  id bigserial PRIMARY KEY,
  external_id text NOT NULL UNIQUE,
  sender_id text NOT NULL,
  text text NOT NULL,
  sent_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`);

const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
// Rapport's inbound job options: retries with backoff, bounded history, id from the body's hash.
const queue = new Queue('inbound', {
  connection,
  prefix: REDIS_PREFIX,
  defaultJobOptions: { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 24 * 3600, count: 10000 }, removeOnFail: { age: 7 * 24 * 3600 } },
});

function signatureHolds(raw, header) {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', META_APP_SECRET).update(raw).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function reply(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') return reply(res, 200, { status: 'ok' });
  if (req.method !== 'POST' || req.url !== '/webhooks/meta') return reply(res, 404, { error: 'not found' });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    if (!signatureHolds(raw, req.headers['x-hub-signature-256'])) return reply(res, 401, { error: 'signature check failed' });
    const body = raw.toString('utf8');
    try {
      JSON.parse(body);
    } catch {
      return reply(res, 400, { error: 'malformed JSON' });
    }
    const job = { source: 'meta', channelId: null, body, receivedAt: new Date().toISOString() };
    const jobId = `in-meta-shared-${createHash('sha256').update(body).digest('hex').slice(0, 40)}`;
    queue.add('event', job, { jobId }).then(
      () => reply(res, 200, { status: 'queued' }),
      (err) => reply(res, 503, { error: String(err) }),
    );
  });
});

const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  socket.join(ROOM);
  socket.emit('ready', { latestSeq: 0 });
});

const INSERT = `INSERT INTO messages (external_id, sender_id, text, sent_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (external_id) DO NOTHING RETURNING id, created_at`;

const worker = new Worker(
  'inbound',
  async (job) => {
    const event = JSON.parse(job.data.body);
    for (const entry of event.entry ?? []) {
      for (const item of entry.messaging ?? []) {
        const text = item.message?.text;
        if (typeof text !== 'string' || item.message?.is_echo) continue;
        const sentAt = new Date(item.timestamp);
        const { rows } = await pool.query(INSERT, [item.message.mid, item.sender.id, text, sentAt]);
        if (rows.length === 0) continue; // a redelivery
        const id = String(rows[0].id);
        io.to(ROOM).emit('message.created', {
          seq: Number(rows[0].id),
          conversationId: item.sender.id,
          message: {
            id,
            conversationId: item.sender.id,
            direction: 'inbound',
            authorType: 'customer',
            private: false,
            text,
            attachments: [],
            status: 'delivered',
            externalId: item.message.mid,
            sentAt: sentAt.toISOString(),
            createdAt: rows[0].created_at.toISOString(),
          },
        });
      }
    }
  },
  { connection: { url: REDIS_URL, maxRetriesPerRequest: null }, prefix: REDIS_PREFIX, concurrency: 8 },
);
worker.on('failed', (job, err) => console.error(`job ${job?.id} failed: ${err.message}`));

server.listen(Number(PORT), '127.0.0.1');

async function shutdown() {
  await worker.close().catch(() => {});
  await queue.close().catch(() => {});
  await connection.quit().catch(() => {});
  io.close();
  await pool.end().catch(() => {});
  process.exit(0);
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
