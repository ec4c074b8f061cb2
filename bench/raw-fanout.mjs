// Reference for the fan-out scenario: a plain socket.io server whose clients all sit in one room.
// POST /emit { text } emits one `message.created` to the room (then answers 200), with a payload of
// about PAYLOAD_BYTES of JSON, shaped like Rapport's. Env: PORT, PAYLOAD_BYTES. GET /health → 200.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { Server } from 'socket.io';

const { PORT = '0', PAYLOAD_BYTES = '900' } = process.env;
const ROOM = 'supervisors';
const conversationId = randomUUID();
let seq = 0;

function payload(text) {
  const now = new Date().toISOString();
  return {
    seq: ++seq,
    conversationId,
    message: {
      id: randomUUID(),
      conversationId,
      direction: 'inbound',
      authorType: 'customer',
      authorId: null,
      authorName: 'Bench Customer',
      private: false,
      text,
      attachments: [],
      status: 'delivered',
      error: null,
      externalId: `m_${seq}`,
      clientId: null,
      sentAt: now,
      createdAt: now,
      pad: '',
    },
  };
}

// Pad so that the JSON is about PAYLOAD_BYTES for a typical bench text.
const sample = payload('x'.repeat(110));
seq = 0;
const padLength = Math.max(0, Number(PAYLOAD_BYTES) - JSON.stringify(sample).length);
const pad = 'p'.repeat(padLength);

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return res.end('{"status":"ok"}');
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method !== 'POST' || req.url !== '/emit') {
      res.writeHead(404);
      return res.end();
    }
    const { text } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const event = payload(text);
    event.message.pad = pad;
    io.to(ROOM).emit('message.created', event);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"emitted"}');
  });
});

const io = new Server(server, { serveClient: false });
io.on('connection', (socket) => {
  socket.join(ROOM);
  socket.emit('ready', { latestSeq: seq });
});

server.listen(Number(PORT), '127.0.0.1');
const shutdown = () => io.close(() => process.exit(0));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
