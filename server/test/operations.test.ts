import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Conversation, LoginResponse, Message, Page } from '@rapport/shared';
import { QueueName } from '../src/core/queues.js';
import { client, connectSocket, eventually, login, PASSWORD, postApiMessage, startTestApp, storedMessage, type TestApp, type TestSocket } from './support/test-app.js';

const FAILING_KEY = 'always-refuses';
const FAILING_SECRET = 'always-refuses-secret';

/** The value of one series in Prometheus text (0 when it is not there yet). */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const basic = (email: string, password = PASSWORD) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;

describe('operations: Prometheus figures and the queue dashboard', () => {
  let app: TestApp;
  let db: pg.Client;
  let lead: LoginResponse;
  let refusing: Server;
  const sockets: TestSocket[] = [];

  const scrape = async (): Promise<string> => {
    const response = await fetch(`${app.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    return response.text();
  };
  const dashboard = (path: string, authorization?: string) => fetch(`${app.baseUrl}/admin/queues${path}`, authorization ? { headers: { authorization } } : {});

  beforeAll(async () => {
    // The integrator's system behind the API channel refuses every reply.
    refusing = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"recipient unknown"}'));
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    await db.query(
      "INSERT INTO channels (kind, key, name, config, secrets, team_id) SELECT 'api', $1, 'Refusing backend', $2, $3, id FROM teams WHERE name = 'Care'",
      [FAILING_KEY, JSON.stringify({ callbackUrl: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/cb` }), JSON.stringify({ secret: FAILING_SECRET })],
    );
    lead = await login(app.baseUrl, 'lead@rapport.test');
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await new Promise((r) => setTimeout(r, 100));
    await db?.end();
    await app?.close();
    await new Promise((resolve) => refusing?.close(resolve));
  });

  const conversationOf = async (messageId: string): Promise<string> => (await storedMessage(db, messageId)).conversationId;

  describe('GET /metrics', () => {
    it('names every operations figure', async () => {
      const text = await scrape();
      for (const name of [
        'rapport_inbound_messages_total',
        'rapport_event_relay_lag_seconds',
        'rapport_event_relay_behind_seqs',
        'rapport_socket_connections',
        'rapport_assignment_latency_seconds',
        'rapport_outbound_failures_total',
        'rapport_queue_jobs',
        'rapport_queue_oldest_waiting_seconds',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
    });

    it('counts socket connections up on connect and down on disconnect', async () => {
      const manager = await login(app.baseUrl, 'manager@rapport.test');
      const before = sample(await scrape(), 'rapport_socket_connections');
      const socket = await connectSocket(app.baseUrl, manager.accessToken);
      await eventually(async () => sample(await scrape(), 'rapport_socket_connections') === before + 1, 5000, 'the gauge to count the socket');
      socket.disconnect();
      await eventually(async () => sample(await scrape(), 'rapport_socket_connections') === before, 5000, 'the gauge to drop the socket');
    });

    it('counts a refused reply by channel kind and reason', async () => {
      const series = 'rapport_outbound_failures_total{channel_kind="api",reason="invalid"}';
      const before = sample(await scrape(), series);
      const sent = await postApiMessage(app.baseUrl, { id: 'ops-refused-in', from: { id: 'ops-refused', name: 'Refused Customer' }, text: 'Is anyone there?' }, { key: FAILING_KEY, secret: FAILING_SECRET });
      expect(sent.status).toBe(200);
      const conversationId = await conversationOf('ops-refused-in');
      const reply = await client(app.baseUrl, lead.accessToken).post<Message>(`/api/conversations/${conversationId}/messages`, { text: 'We are looking into it' });
      expect(reply.status).toBe(201);
      await eventually(async () => {
        const thread = await client(app.baseUrl, lead.accessToken).get<{ items: Message[] }>(`/api/conversations/${conversationId}/messages`);
        return thread.body.items.find((m) => m.id === reply.body.id)?.status === 'failed';
      }, 10000, 'the reply to fail');
      await eventually(async () => sample(await scrape(), series) === before + 1, 5000, 'the failure to be counted');
    });

    it('records how long a conversation waited for routing, and the relay lag of its events', async () => {
      const agent = await login(app.baseUrl, 'agent1@rapport.test');
      const before = await scrape();
      sockets.push(await connectSocket(app.baseUrl, agent.accessToken));
      expect((await postApiMessage(app.baseUrl, { id: 'ops-routed-in', from: { id: 'ops-routed', name: 'Routed Customer' }, text: 'Where is my order?' })).status).toBe(200);
      const conversationId = await conversationOf('ops-routed-in');
      await eventually(async () => (await client(app.baseUrl, lead.accessToken).get<Conversation>(`/api/conversations/${conversationId}`)).body.assigneeId === agent.user.id, 10000, 'the conversation to be routed to agent1');
      await eventually(async () => sample(await scrape(), 'rapport_assignment_latency_seconds_count') > sample(before, 'rapport_assignment_latency_seconds_count'), 5000, 'the assignment latency to be observed');
      await eventually(async () => sample(await scrape(), 'rapport_event_relay_lag_seconds_count') > sample(before, 'rapport_event_relay_lag_seconds_count'), 5000, 'the relay lag to be observed');
      const after = await scrape();
      // sample() reads a series that is not there as 0: both must be there, with a number.
      expect(after).toMatch(/^rapport_assignment_latency_seconds_sum [\d.e+-]+$/m);
      expect(sample(after, 'rapport_assignment_latency_seconds_sum')).toBeGreaterThanOrEqual(sample(before, 'rapport_assignment_latency_seconds_sum'));
      expect(after).toMatch(/^rapport_event_relay_behind_seqs \d+$/m);
    });
  });

  describe('/admin/queues', () => {
    it('asks for credentials without them, or with a wrong password', async () => {
      for (const response of [await dashboard(''), await dashboard('', basic('admin@rapport.test', 'not-the-password'))]) {
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Basic realm="Rapport admin"');
      }
      expect((await dashboard('/api/queues')).status).toBe(401);
    });

    it('refuses a signed-in user who is not an admin', async () => {
      expect((await dashboard('', basic('agent1@rapport.test'))).status).toBe(403);
      const agent = await login(app.baseUrl, 'agent1@rapport.test');
      expect((await dashboard('/api/queues', `Bearer ${agent.accessToken}`)).status).toBe(403);
    });

    it("refuses another site's request that carries remembered credentials, and shares nothing with it", async () => {
      const response = await fetch(`${app.baseUrl}/admin/queues/api/queues`, { headers: { authorization: basic('admin@rapport.test'), origin: 'https://evil.example' } });
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('serves the board and its assets to an admin', async () => {
      const response = await dashboard('', basic('admin@rapport.test'));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      const html = await response.text();
      expect(html).toContain('<title>Rapport queues</title>');
      expect(html).toContain('<base href="/admin/queues/"');
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await dashboard(`/${script}`, basic('admin@rapport.test'));
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    });

    it('lists every queue of the app in its JSON API, with Basic or an admin bearer token', async () => {
      const admin = await login(app.baseUrl, 'admin@rapport.test');
      for (const authorization of [basic('admin@rapport.test'), `Bearer ${admin.accessToken}`]) {
        const response = await dashboard('/api/queues', authorization);
        expect(response.status).toBe(200);
        const body = (await response.json()) as { queues: Array<{ name: string }> };
        expect(body.queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
      }
    });

    it('leaves the API and the rest of the app alone', async () => {
      expect((await client(app.baseUrl).get('/api/health')).status).toBe(200);
      expect((await client(app.baseUrl, lead.accessToken).get<Page<Conversation>>('/api/conversations')).status).toBe(200);
    });
  });
});
