import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Conversation, LoginResponse, Message, MessageEvent } from '@rapport/shared';
import { QueueService } from '../src/core/queue.service.js';
import { jobIds, QueueName } from '../src/core/queues.js';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startTestApp, type TestApp, type TestSocket } from './support/test-app.js';

const CHANNEL_KEY = 'with-callback';
const CHANNEL_SECRET = 'callback-channel-secret';

interface Hit {
  at: number;
  headers: IncomingHttpHeaders;
  raw: string;
  body: { id: string; conversationId: string; to: { id: string }; text: string; inReplyTo: string | null; timestamp: string };
}

interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Stands in for the integrator's system: records each callback and answers as each test says, per reply text. */
class CallbackServer {
  readonly hits: Hit[] = [];
  private readonly script = new Map<string, Answer[]>();
  private server: Server | null = null;
  private count = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(raw) as Hit['body'];
        this.hits.push({ at: Date.now(), headers: req.headers, raw, body });
        const answer = this.script.get(body.text)?.shift() ?? { status: 200, body: JSON.stringify({ id: `platform-${++this.count}` }) };
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cb`;
  }

  /** The next answers to the callbacks of the reply with this text, in order; then 200 with a fresh id. */
  answer(text: string, ...answers: Answer[]): void {
    this.script.set(text, answers);
  }

  hitsFor(text: string): Hit[] {
    return this.hits.filter((h) => h.body.text === text);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server?.close((err) => (err ? reject(err) : resolve())));
  }
}

describe('outbound: replies leave through the API channel callback', () => {
  let app: TestApp;
  let db: pg.Client;
  const callback = new CallbackServer();
  let lead: LoginResponse;
  let socket: TestSocket;
  let heard: ReturnType<typeof recordEvents>;

  beforeAll(async () => {
    const callbackUrl = await callback.start();
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    await db.query(
      "INSERT INTO channels (kind, key, name, config, secrets, team_id) SELECT 'api', $1, 'Shop backend (API)', $2, $3, id FROM teams WHERE name = 'Care'",
      [CHANNEL_KEY, JSON.stringify({ callbackUrl }), JSON.stringify({ secret: CHANNEL_SECRET })],
    );
    lead = await login(app.baseUrl, 'lead@rapport.test');
    const manager = await login(app.baseUrl, 'manager@rapport.test');
    socket = await connectSocket(app.baseUrl, manager.accessToken);
    heard = recordEvents(socket);
  });

  afterAll(async () => {
    socket?.disconnect();
    await db?.end();
    await app?.close();
    await callback.stop();
  });

  /** A customer writes on the callback channel; resolves with the conversation once it is stored. */
  async function customerWrites(sender: string, text = `help me, ${sender}`): Promise<Conversation> {
    const response = await postApiMessage(app.baseUrl, { id: `${sender}-in-1`, from: { id: sender, name: `Customer ${sender}` }, text }, { key: CHANNEL_KEY, secret: CHANNEL_SECRET });
    expect(response.status).toBe(200);
    const conversationId = await eventually(
      async () => (await db.query<{ conversation_id: string }>('SELECT conversation_id FROM messages WHERE external_id = $1', [`${sender}-in-1`])).rows[0]?.conversation_id,
      10000,
      `message of ${sender} stored`,
    );
    return (await client(app.baseUrl, lead.accessToken).get<Conversation>(`/api/conversations/${conversationId}`)).body;
  }

  async function reply(conversation: Conversation, text: string): Promise<Message> {
    const response = await client(app.baseUrl, lead.accessToken).post<Message>(`/api/conversations/${conversation.id}/messages`, { text });
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('queued');
    return response.body;
  }

  async function current(message: Message): Promise<Message> {
    const thread = await client(app.baseUrl, lead.accessToken).get<{ items: Message[] }>(`/api/conversations/${message.conversationId}/messages`);
    return thread.body.items.find((m) => m.id === message.id)!;
  }

  const settles = (message: Message, status: Message['status'], timeoutMs = 10000): Promise<Message> =>
    eventually(async () => {
      const now = await current(message);
      return now.status === status ? now : undefined;
    }, timeoutMs, `message ${message.id} to be ${status}`);

  /** The outbound job of a message is finished for good: no attempt will follow. */
  async function jobFinished(message: Message): Promise<{ attemptsMade: number }> {
    const queue = app.app.context.get(QueueService).queue(QueueName.Outbound);
    return eventually(async () => {
      const job = await queue.getJob(jobIds.outbound(message.id));
      return job && (await job.getState()) === 'completed' ? { attemptsMade: job.attemptsMade } : undefined;
    }, 10000, `the outbound job of ${message.id} to complete`);
  }

  describe('a reply', () => {
    let conversation: Conversation;
    let sent: Message;
    let hit: Hit;

    beforeAll(async () => {
      conversation = await customerWrites('cust-out-1', 'Where is order 42?');
      const queued = await reply(conversation, 'It left the warehouse today 📦');
      sent = await settles(queued, 'sent');
      hit = callback.hitsFor('It left the warehouse today 📦')[0]!;
    });

    it('is POSTed to the callback, signed with the channel secret over the raw body', () => {
      expect(hit).toBeDefined();
      expect(hit.headers['content-type']).toMatch(/^application\/json/);
      expect(hit.headers['x-rapport-signature']).toBe(`sha256=${hmacSha256Hex(CHANNEL_SECRET, hit.raw)}`);
      expect(hit.headers['x-rapport-signature']).not.toBe(`sha256=${hmacSha256Hex(app.config.API_CHANNEL_SECRET, hit.raw)}`);
    });

    it('names the customer by their platform id and carries the text', () => {
      expect(hit.body).toMatchObject({
        id: sent.id,
        conversationId: conversation.id,
        to: { id: 'cust-out-1' },
        text: 'It left the warehouse today 📦',
        inReplyTo: 'cust-out-1-in-1',
      });
    });

    it('is marked sent with the platform id the callback answered', () => {
      expect(sent).toMatchObject({ status: 'sent', externalId: expect.stringMatching(/^platform-\d+$/), error: null });
      expect(callback.hitsFor('It left the warehouse today 📦')).toHaveLength(1);
    });

    it('is announced live: queued, then sent', async () => {
      const updates = await eventually(() => {
        const mine = heard.filter((e) => e.type === 'message.updated' && (e.payload as unknown as MessageEvent).message.id === sent.id);
        return mine.length > 0 ? mine : undefined;
      }, 10000, 'message.updated');
      expect(updates.map((e) => (e.payload as unknown as MessageEvent).message.status)).toEqual(['sent']);
      const created = heard.find((e) => e.type === 'message.created' && (e.payload as unknown as MessageEvent).message.id === sent.id);
      expect((created?.payload as unknown as MessageEvent | undefined)?.message.status).toBe('queued');
    });
  });

  describe('retries', () => {
    it('retries after a 500 and ends sent with the id of the successful attempt', async () => {
      const conversation = await customerWrites('cust-out-500');
      callback.answer('Retry me', { status: 500, body: '{"error":"temporarily down"}' }, { status: 200, body: '{"id":"after-retry"}' });
      const queued = await reply(conversation, 'Retry me');
      const sent = await settles(queued, 'sent', 15000);
      expect(sent.externalId).toBe('after-retry');
      expect(sent.error).toBeNull();
      const hits = callback.hitsFor('Retry me');
      expect(hits).toHaveLength(2);
      // Both attempts are the same reply, signed again.
      expect(hits[1]!.body.id).toBe(hits[0]!.body.id);
      expect(hits[1]!.headers['x-rapport-signature']).toBe(`sha256=${hmacSha256Hex(CHANNEL_SECRET, hits[1]!.raw)}`);
      expect((await jobFinished(queued)).attemptsMade).toBe(2);
      expect(callback.hitsFor('Retry me')).toHaveLength(2);
    });

    it('waits as long as a 429 asks before trying again', async () => {
      const conversation = await customerWrites('cust-out-429');
      callback.answer('Slow down', { status: 429, body: '{"error":"rate limited"}', headers: { 'retry-after': '1' } }, { status: 200, body: '{"id":"after-429"}' });
      const queued = await reply(conversation, 'Slow down');
      const sent = await settles(queued, 'sent', 15000);
      expect(sent.externalId).toBe('after-429');
      const hits = callback.hitsFor('Slow down');
      expect(hits).toHaveLength(2);
      expect(hits[1]!.at - hits[0]!.at).toBeGreaterThanOrEqual(950);
    });
  });

  describe('a refused reply', () => {
    it('fails at once on a 400, with the reason, announced live, and is not retried', async () => {
      const conversation = await customerWrites('cust-out-400');
      callback.answer('Refuse me', { status: 400, body: 'recipient unknown' });
      const queued = await reply(conversation, 'Refuse me');

      const failed = await settles(queued, 'failed');
      expect(failed.error).toMatch(/400/);
      expect(failed.error).toMatch(/recipient unknown/);
      expect(failed.externalId).toBeNull();

      const event = await eventually(
        () => heard.find((e) => e.type === 'message.updated' && (e.payload as unknown as MessageEvent).message.id === queued.id && (e.payload as unknown as MessageEvent).message.status === 'failed'),
        10000,
        'message.updated with status failed',
      );
      expect((event.payload as unknown as MessageEvent).conversationId).toBe(conversation.id);
      expect((event.payload as unknown as MessageEvent).message.error).toMatch(/400/);

      const job = await jobFinished(queued);
      expect(job.attemptsMade).toBe(1);
      expect(callback.hitsFor('Refuse me')).toHaveLength(1);
    });
  });

  describe('platform ids the server cannot store', () => {
    // A JSON null id is no id (it once became the string "null" and collided with the next one).
    it('stores no platform id when the callback answers {"id": null}', async () => {
      const conversation = await customerWrites('cust-out-null');
      callback.answer('Null id', { status: 200, body: '{"id":null}' });
      const sent = await settles(await reply(conversation, 'Null id'), 'sent');
      expect(sent.externalId).toBeNull();
    });

    // Once the platform accepted a reply, a later failure to record it must not send it again.
    it('never sends a reply twice when its platform id cannot be recorded after the platform accepted it', async () => {
      const conversation = await customerWrites('cust-out-long-id');
      // Longer than messages.external_id (varchar 200): the platform accepted the reply, storing the id fails.
      callback.answer('Long id', { status: 200, body: JSON.stringify({ id: 'x'.repeat(250) }) });
      const queued = await reply(conversation, 'Long id');
      await eventually(async () => (await current(queued)).status !== 'queued' || callback.hitsFor('Long id').length > 1, 15000, 'the reply to settle or be sent again');
      expect(callback.hitsFor('Long id').length).toBe(1);
      expect((await current(queued)).status).toBe('sent');
      await jobFinished(queued);
      expect(callback.hitsFor('Long id').length).toBe(1);
    });
  });
});
