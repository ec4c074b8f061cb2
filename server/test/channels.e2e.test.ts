import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Channel, ChannelKind, Conversation, Message, Page } from '@rapport/shared';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { SIMULATED_ACCOUNTS } from '../src/simulator/accounts.js';
import { API_SECRET, client, eventually, login, startTestApp, type TestApp } from './support/test-app.js';

const META_SECRET = 'meta-app-secret-for-tests';
const X_SECRET = 'x-consumer-secret-for-tests';
const VERIFY_TOKEN = 'verify-me-please';

/** Every platform kind, in and out, against the simulator standing in for the real APIs. */
describe('social channels against the platform simulator', () => {
  let app: TestApp;
  let sim: Simulator;
  let admin: string;
  let manager: string;
  const channels = new Map<ChannelKind, Channel>();

  const api = (token: string) => client(app.baseUrl, token);

  async function createChannel(kind: ChannelKind, name: string, config: Record<string, unknown>): Promise<Channel> {
    const created = await api(admin).post<Channel>('/api/channels', { kind, name, config });
    expect(created.status).toBe(201);
    return created.body;
  }

  async function conversationOf(kind: ChannelKind, customer: string): Promise<Conversation> {
    return eventually(async () => {
      const page = await api(manager).get<Page<Conversation>>(`/api/conversations?channel=${kind}&q=${encodeURIComponent(customer)}`);
      return page.body.items[0];
    }, 15000, `a ${kind} conversation with ${customer}`);
  }

  async function messagesOf(conversationId: string): Promise<Message[]> {
    return (await api(manager).get<{ items: Message[] }>(`/api/conversations/${conversationId}/messages`)).body.items;
  }

  async function replyAndSettle(conversationId: string, text: string, settled: Message['status'][] = ['sent', 'delivered', 'read']): Promise<Message> {
    const reply = await api(manager).post<Message>(`/api/conversations/${conversationId}/messages`, { text });
    expect(reply.status).toBe(201);
    return eventually(async () => (await messagesOf(conversationId)).find((m) => m.id === reply.body.id && settled.includes(m.status)), 20000, `reply "${text}" to settle`);
  }

  beforeAll(async () => {
    app = await startTestApp({ META_APP_SECRET: META_SECRET, X_CONSUMER_SECRET: X_SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN });
    sim = await startSimulator({
      rapportUrl: app.baseUrl,
      secrets: { metaAppSecret: META_SECRET, xConsumerSecret: X_SECRET, apiChannelSecret: API_SECRET, apiChannelKey: 'demo' },
      traffic: false,
      timing: { statusStepMs: [50, 100], webhookRetryMs: [100, 200, 400] },
    });
    admin = (await login(app.baseUrl, 'admin@rapport.test')).accessToken;
    manager = (await login(app.baseUrl, 'manager@rapport.test')).accessToken;
    const a = SIMULATED_ACCOUNTS;
    const base = { apiBaseUrl: sim.url };
    channels.set('facebook', await createChannel('facebook', 'Facebook', { ...a.facebook, ...base }));
    channels.set('instagram', await createChannel('instagram', 'Instagram', { ...a.instagram, ...base }));
    channels.set('whatsapp', await createChannel('whatsapp', 'WhatsApp', { ...a.whatsapp, ...base }));
    channels.set('x', await createChannel('x', 'X', { ...a.x, pollIntervalSeconds: 1, ...base }));
    channels.set('telegram', await createChannel('telegram', 'Telegram', { ...a.telegram, pollIntervalSeconds: 1, ...base }));
    channels.set('mastodon', await createChannel('mastodon', 'Mastodon', { instanceUrl: sim.url, accessToken: a.mastodon.accessToken, pollIntervalSeconds: 1 }));
  });

  afterAll(async () => {
    await sim?.close();
    await app?.close();
  });

  it.each<[ChannelKind, boolean]>([
    ['facebook', false],
    ['facebook', true],
    ['instagram', false],
    ['instagram', true],
    ['whatsapp', false],
    ['x', false],
    ['x', true],
    ['telegram', false],
    ['telegram', true],
    ['mastodon', false],
    ['mastodon', true],
  ])('%s (public: %s): message in → conversation → reply out → status', async (kind, isPublic) => {
    const name = `${kind}-${isPublic ? 'pub' : 'dm'}-customer`;
    const said = await sim.customerSays(kind, { customerId: name, name, handle: name.replace(/-/g, '_'), text: `Hello from ${name}: my order is late`, public: isPublic });
    const conversation = await conversationOf(kind, `Hello from ${name}`);
    expect(conversation.channelKind).toBe(kind);
    expect(conversation.isPublic).toBe(isPublic);
    // Named by the platform, or shortly after by its profile API where the message carries only an id (Messenger, Instagram).
    const named = await eventually(async () => {
      const current = await api(manager).get<Conversation>(`/api/conversations/${conversation.id}`);
      return current.body.customer.name === name ? current.body : undefined;
    }, 15000, `${name} named`);
    expect(named.customer.name).toBe(name);
    const [inbound] = await messagesOf(conversation.id);
    expect(inbound?.direction).toBe('inbound');
    // Mentions keep the platform's own text, "@brand …" included.
    expect(inbound?.text).toMatch(new RegExp(`^(@\\w+ )?Hello from ${name}: my order is late$`));
    // Telegram message ids are per chat, so Rapport keys them by chat too.
    expect(inbound?.externalId === said.externalId || inbound?.externalId?.endsWith(`:${said.externalId}`)).toBe(true);

    const text = `We are on it, ${name}`;
    const reply = await replyAndSettle(conversation.id, text);
    const out = sim.sent.filter((s) => s.text.includes(text));
    expect(out).toHaveLength(1);
    expect(out[0]!.kind).toBe(kind);
    expect(out[0]!.public).toBe(isPublic);
    if (kind !== 'telegram' || !isPublic) expect(out[0]!.to).toBe(said.senderId);
    expect(reply.externalId === out[0]!.id || reply.externalId?.endsWith(`:${out[0]!.id}`)).toBe(true);
  });

  it('follows WhatsApp delivery receipts through to read', async () => {
    await sim.customerSays('whatsapp', { customerId: 'wa-receipts', name: 'Receipt Reader', text: 'Did you get my photos?' });
    const conversation = await conversationOf('whatsapp', 'Receipt Reader');
    const read = await replyAndSettle(conversation.id, 'Yes, we got them', ['read']);
    expect(read.status).toBe('read');
  });

  it('keeps one customer on one conversation per thread and stores a redelivered webhook once', async () => {
    await sim.customerSays('facebook', { customerId: 'fb-twice', name: 'Twice Writer', text: 'Twice writer, first message' });
    await sim.customerSays('facebook', { customerId: 'fb-twice', name: 'Twice Writer', text: 'Twice writer, second message' });
    const conversation = await conversationOf('facebook', 'Twice writer, second');
    await eventually(async () => (await messagesOf(conversation.id)).length === 2, 10000, 'both messages');
    const list = await api(manager).get<Page<Conversation>>('/api/conversations?channel=facebook&q=Twice%20writer');
    expect(list.body.items).toHaveLength(1);
  });

  it('retries a rate-limited send and delivers it once', async () => {
    await sim.customerSays('x', { customerId: 'x-rl', name: 'Rate Limited', text: 'Hello via DM' });
    const conversation = await conversationOf('x', 'Rate Limited');
    sim.failNext('x', 'rate-limit', 1);
    await replyAndSettle(conversation.id, 'After the rate limit');
    expect(sim.sent.filter((s) => s.text === 'After the rate limit')).toHaveLength(1);
  });

  it('fails a send outside the 24-hour window at once, with the reason for the agent', async () => {
    await sim.customerSays('facebook', { customerId: 'fb-window', name: 'Window Closed', text: 'Window closed: are you there?' });
    const conversation = await conversationOf('facebook', 'Window closed');
    sim.failNext('facebook', 'outside-window', 1);
    const failed = await replyAndSettle(conversation.id, 'Too late', ['failed']);
    expect(failed.error).toMatch(/24-hour/);
    expect(sim.sent.some((s) => s.text === 'Too late')).toBe(false);
  });

  it('pauses a rate-limited poller and catches up after the reset', async () => {
    sim.failNext('mastodon', 'rate-limit', 1, 'poll');
    await sim.customerSays('mastodon', { customerId: 'masto-rl', name: 'Patient Poster', text: 'Is anyone reading this?' });
    const conversation = await conversationOf('mastodon', 'anyone reading');
    expect((await messagesOf(conversation.id)).map((m) => m.text)).toEqual(['@rapport_care Is anyone reading this?']);
  });

  it('keeps the poll cursor across a restart: nothing lost, nothing twice', async () => {
    await sim.customerSays('telegram', { customerId: 'tg-restart', name: 'Restart Survivor', text: 'one before the restart' });
    const conversation = await conversationOf('telegram', 'Restart Survivor');
    await app.stop();
    await sim.customerSays('telegram', { customerId: 'tg-restart', name: 'Restart Survivor', text: 'two while Rapport was down' });
    await sim.customerSays('telegram', { customerId: 'tg-restart', name: 'Restart Survivor', text: 'three while Rapport was down' });
    await app.restart();
    const texts = await eventually(async () => {
      const all = (await messagesOf(conversation.id)).map((m) => m.text);
      return all.length >= 3 ? all : undefined;
    }, 15000, 'the messages sent while down');
    await new Promise((r) => setTimeout(r, 1500)); // a couple more polls: still no duplicates
    expect((await messagesOf(conversation.id)).map((m) => m.text)).toEqual(texts);
    expect(texts).toEqual(['one before the restart', 'two while Rapport was down', 'three while Rapport was down']);
  });

  describe('webhook handshakes and signatures', () => {
    it('answers the Meta verification with the challenge as plain text, and refuses a wrong token', async () => {
      const ok = await fetch(`${app.baseUrl}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await ok.text()).toBe('1158201444');
      const wrong = await fetch(`${app.baseUrl}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
      expect(wrong.status).toBe(403);
    });

    it('answers the X CRC check with the response token', async () => {
      const res = await fetch(`${app.baseUrl}/webhooks/x?crc_token=challenge-123`);
      expect(res.status).toBe(200);
      const expected = `sha256=${createHmac('sha256', X_SECRET).update('challenge-123').digest('base64')}`;
      expect(await res.json()).toEqual({ response_token: expected });
    });

    it('refuses a forged Meta webhook with 401 and a malformed one with 400', async () => {
      const body = JSON.stringify({ object: 'page', entry: [] });
      const forged = await fetch(`${app.baseUrl}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' }, body });
      expect(forged.status).toBe(401);
      const bad = '{"hello":"world"}';
      const malformed = await fetch(`${app.baseUrl}/webhooks/meta`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', META_SECRET).update(bad).digest('hex')}` },
        body: bad,
      });
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { message: string }).message).toMatch(/Malformed/);
    });

    it('refuses a Telegram webhook with the wrong path secret', async () => {
      const res = await fetch(`${app.baseUrl}/webhooks/telegram/not-the-secret`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"update_id":1}' });
      expect(res.status).toBe(401);
    });
  });

  describe('channel administration', () => {
    it('lets only admins create channels, and never shows a secret', async () => {
      const agent = (await login(app.baseUrl, 'agent1@rapport.test')).accessToken;
      const refused = await api(agent).post('/api/channels', { kind: 'telegram', name: 'Nope', config: { botToken: '1:x' } });
      expect(refused.status).toBe(403);
      const listed = await api(admin).get<Channel[]>('/api/channels');
      expect(listed.status).toBe(200);
      const text = JSON.stringify(listed.body);
      for (const secret of ['sim-page-token', 'sim-wa-token', 'sim-x-token', SIMULATED_ACCOUNTS.telegram.botToken, 'sim-mastodon-token', API_SECRET]) expect(text).not.toContain(secret);
      expect(listed.body.find((c) => c.kind === 'facebook')?.secretFields).toEqual(['pageAccessToken']);
    });

    it('validates the config per kind, refuses a second channel for the same account, updates and deletes', async () => {
      const invalid = await api(admin).post<{ message: string }>('/api/channels', { kind: 'whatsapp', name: 'Broken', config: { accessToken: 't' } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.message).toMatch(/phoneNumberId/);
      const duplicate = await api(admin).post('/api/channels', { kind: 'facebook', name: 'Again', config: { ...SIMULATED_ACCOUNTS.facebook } });
      expect(duplicate.status).toBe(409);

      const created = await createChannel('api', 'Partner portal', { key: 'partner', secret: 'partner-secret' });
      expect(created.key).toBe('partner');
      // With one team, a new channel belongs to it, so its conversations reach the team's agents.
      const teams = (await api(admin).get<Array<{ id: string; name: string }>>('/api/teams')).body;
      expect(created.teamId).toBe(teams.find((t) => t.name === 'Care')!.id);
      const renamed = await fetch(`${app.baseUrl}/api/channels/${created.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ name: 'Partner portal v2', config: { callbackUrl: `${sim.url}/api-channel/replies` } }),
      });
      expect(renamed.status).toBe(200);
      const patched = (await renamed.json()) as Channel;
      expect(patched).toMatchObject({ name: 'Partner portal v2', key: 'partner', config: { key: 'partner', callbackUrl: `${sim.url}/api-channel/replies` }, secretFields: ['secret'] });
      const patch = (id: string, body: unknown) =>
        fetch(`${app.baseUrl}/api/channels/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` }, body: JSON.stringify(body) });
      // `null` removes an optional field.
      const cleared = (await (await patch(created.id, { config: { callbackUrl: null } })).json()) as Channel;
      expect(cleared.config).toEqual({ key: 'partner' });
      // The seeded demo channel takes config changes too.
      const demo = (await api(admin).get<Channel[]>('/api/channels')).body.find((c) => c.key === 'demo')!;
      const demoPatched = await patch(demo.id, { config: { callbackUrl: `${sim.url}/api-channel/replies` } });
      expect(demoPatched.status).toBe(200);
      expect(((await demoPatched.json()) as Channel).config).toMatchObject({ key: 'demo', callbackUrl: `${sim.url}/api-channel/replies` });
      expect((await patch(demo.id, { config: { callbackUrl: null } })).status).toBe(200);
      const removed = await fetch(`${app.baseUrl}/api/channels/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin}` } });
      expect(removed.status).toBe(204);
      expect((await api(admin).get(`/api/channels/${created.id}`)).status).toBe(404);
    });
  });
});
