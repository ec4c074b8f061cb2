import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Channel, ChannelKind, Conversation, Message, Page } from '@rapport/shared';
import { QueueService } from '../src/core/queue.service.js';
import { QueueName } from '../src/core/queues.js';
import { SIMULATED_ACCOUNTS } from '../src/simulator/accounts.js';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { API_SECRET, client, eventually, login, startTestApp, type TestApp } from './support/test-app.js';

const META_SECRET = 'meta-secret-for-once';
const X_SECRET = 'x-secret-for-once';
const API_KEY = 'once';

/**
 * A reply reaches its platform once, even when the platform took it and its answer never reached us
 * (the connection dropped after the platform posted it: to Rapport the same as a worker that died
 * between the platform's answer and the commit). The simulator's `lost-answer` fault posts the reply,
 * records it, and drops the connection; the retry must settle it without posting again.
 */
describe('outbound: a reply is never sent twice', () => {
  let app: TestApp;
  let sim: Simulator;
  let db: pg.Client;
  let admin: string;
  let manager: string;

  const api = (token: string) => client(app.baseUrl, token);

  async function createChannel(kind: ChannelKind, name: string, config: Record<string, unknown>): Promise<Channel> {
    const created = await api(admin).post<Channel>('/api/channels', { kind, name, config });
    expect(created.status).toBe(201);
    return created.body;
  }

  /** A customer writes on `kind`; resolves with their conversation once it is stored. */
  async function conversationWith(kind: ChannelKind, customer: string, isPublic = false): Promise<Conversation> {
    const text = `Hello from ${customer}, where is my order?`;
    await sim.customerSays(kind, { customerId: customer, name: customer, handle: customer.replace(/-/g, '_'), text, public: isPublic });
    return eventually(async () => {
      const page = await api(manager).get<Page<Conversation>>(`/api/conversations?channel=${kind}&q=${encodeURIComponent(customer)}`);
      return page.body.items[0];
    }, 15000, `a ${kind} conversation with ${customer}`);
  }

  async function reply(conversation: Conversation, text: string): Promise<Message> {
    const sent = await api(manager).post<Message>(`/api/conversations/${conversation.id}/messages`, { text });
    expect(sent.status).toBe(201);
    return sent.body;
  }

  async function settled(message: Message, timeoutMs = 20000): Promise<Message> {
    return eventually(async () => {
      const thread = await api(manager).get<{ items: Message[] }>(`/api/conversations/${message.conversationId}/messages`);
      const now = thread.body.items.find((m) => m.id === message.id);
      return now && now.status !== 'queued' ? now : undefined;
    }, timeoutMs, `reply ${message.id} to settle`);
  }

  const postsOf = (text: string) => sim.sent.filter((s) => s.text.includes(text));

  beforeAll(async () => {
    app = await startTestApp({ META_APP_SECRET: META_SECRET, X_CONSUMER_SECRET: X_SECRET });
    sim = await startSimulator({
      rapportUrl: app.baseUrl,
      secrets: { metaAppSecret: META_SECRET, xConsumerSecret: X_SECRET, apiChannelSecret: API_SECRET, apiChannelKey: API_KEY },
      traffic: false,
      followUpProbability: 0,
      timing: { statusStepMs: [50, 100], webhookRetryMs: [100, 200, 400] },
    });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    admin = (await login(app.baseUrl, 'admin@rapport.test')).accessToken;
    manager = (await login(app.baseUrl, 'manager@rapport.test')).accessToken;
    const a = SIMULATED_ACCOUNTS;
    const base = { apiBaseUrl: sim.url };
    await createChannel('api', 'Shop (API)', { key: API_KEY, secret: API_SECRET, callbackUrl: `${sim.url}${a.api.callbackPath}` });
    await createChannel('whatsapp', 'WhatsApp', { ...a.whatsapp, ...base });
    await createChannel('x', 'X', { ...a.x, pollIntervalSeconds: 1, ...base });
    await createChannel('telegram', 'Telegram', { ...a.telegram, pollIntervalSeconds: 1, ...base });
    await createChannel('mastodon', 'Mastodon', { instanceUrl: sim.url, accessToken: a.mastodon.accessToken, pollIntervalSeconds: 1 });
  }, 60000);

  afterAll(async () => {
    await db?.end();
    await sim?.close();
    await app?.close();
  });

  describe('where the platform takes an idempotency key, the retry sends again with the same key', () => {
    it.each<[ChannelKind, boolean]>([
      ['api', false],
      ['mastodon', false],
      ['mastodon', true],
    ])('%s (public: %s): posted once, marked sent with the id of that one post', async (kind, isPublic) => {
      const conversation = await conversationWith(kind, `once-${kind}-${isPublic ? 'pub' : 'dm'}`, isPublic);
      const text = `Your parcel is on its way (${kind}${isPublic ? ', public' : ''})`;
      sim.failNext(kind, 'lost-answer');
      const done = await settled(await reply(conversation, text));
      const posts = postsOf(text);
      expect(posts).toHaveLength(1);
      expect(done).toMatchObject({ status: 'sent', error: null, externalId: posts[0]!.id });
      const send = await db.query<{ attempts: number }>('SELECT attempts FROM outbound_sends WHERE message_id = $1', [done.id]);
      expect(send.rows[0]?.attempts).toBe(1);
    });
  });

  describe('where the platform can be asked (X), the retry looks the reply up', () => {
    it.each<[string, boolean]>([
      ['a DM', false],
      ['a reply post', true],
    ])('%s: found, posted once, marked sent with its platform id', async (what, isPublic) => {
      const conversation = await conversationWith('x', `once-x-${isPublic ? 'pub' : 'dm'}`, isPublic);
      const text = `We have found the booking (${what})`;
      sim.failNext('x', 'lost-answer');
      const done = await settled(await reply(conversation, text));
      const posts = postsOf(text);
      expect(posts).toHaveLength(1);
      expect(done).toMatchObject({ status: 'sent', error: null, externalId: posts[0]!.id });
    });

    it('sends when the lookup finds nothing: the interrupted send never reached X', async () => {
      const conversation = await conversationWith('x', 'once-x-never');
      const outbound = app.app.context.get(QueueService).queue(QueueName.Outbound);
      const text = 'This one never left the first time';
      await outbound.pause();
      try {
        const queued = await reply(conversation, text);
        // A send that began and died before any request: recorded, nothing on the platform.
        await db.query("INSERT INTO outbound_sends (message_id, state, attempts, started_at) VALUES ($1, 'sending', 1, now() - interval '5 seconds')", [queued.id]);
        await outbound.resume();
        const done = await settled(queued);
        expect(postsOf(text)).toHaveLength(1);
        expect(done).toMatchObject({ status: 'sent', externalId: postsOf(text)[0]!.id });
      } finally {
        await outbound.resume();
      }
    });
  });

  describe('where the platform offers neither, the agent decides', () => {
    it.each<[ChannelKind]>([['telegram'], ['whatsapp']])('%s: posted once, then failed as delivery unknown (never sent again)', async (kind) => {
      const conversation = await conversationWith(kind, `once-${kind}`);
      const text = `We refunded the duplicate charge (${kind})`;
      sim.failNext(kind, 'lost-answer');
      const done = await settled(await reply(conversation, text));
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/^Delivery unknown/);
      expect(postsOf(text)).toHaveLength(1);
      // Nothing else tries later: the sweeper leaves failed replies alone.
      await new Promise((r) => setTimeout(r, 1500));
      expect(postsOf(text)).toHaveLength(1);
    });

    it('a plain refusal (500) is not ambiguous: the retry sends, once', async () => {
      const conversation = await conversationWith('telegram', 'once-telegram-500');
      const text = 'After a platform error';
      sim.failNext('telegram', 'server-error');
      const done = await settled(await reply(conversation, text));
      expect(done.status).toBe('sent');
      expect(postsOf(text)).toHaveLength(1);
    });
  });
});
