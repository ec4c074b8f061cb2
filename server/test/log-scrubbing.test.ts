import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Channel, Conversation, LoginResponse, Message, Page, Team, UserAccount } from '@rapport/shared';
import { createApp, type RapportApp } from '../src/app.js';
import { loadConfig } from '../src/config/env.js';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { clearRedisPrefix, client, eventually, login, PASSWORD, REDIS_URL } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';

/** Config secrets: known, so that a line holding one is found. */
const CONFIG_SECRETS = {
  JWT_SECRET: 'scrub-jwt-secret-5b1e0c',
  API_CHANNEL_SECRET: 'scrub-demo-api-secret-77aa01',
  META_APP_SECRET: 'scrub-meta-app-secret-3c9d22',
  META_VERIFY_TOKEN: 'scrub-verify-token-1f2e33',
  X_CONSUMER_SECRET: 'scrub-x-consumer-secret-9e8d44',
  TELEGRAM_WEBHOOK_SECRET: 'scrub-telegram-path-secret-4a4a55',
};
/** Secrets of channels created at runtime: stored in the database, unknown to the logger's config. */
const CHANNEL_SECRET = 'scrub-channel-hmac-secret-c0ffee';
const PAGE_TOKEN = 'scrub-page-access-token-EAAGm0PX4';
const BOT_TOKEN = '123456789:scrub-bot-token-AAbbCCdd';
const NEW_PASSWORD = 'scrub-new-user-password-42';
const WRONG_PASSWORD = 'scrub-wrong-password-guess-99';
/** What customers and agents write. */
const TEXTS = {
  api: 'scrub-inbound-text my card is 4111 1111 1111 1111',
  telegram: 'scrub-telegram-text where is parcel RX-55',
  meta: 'scrub-messenger-text call me on +44 7700 900123',
  reply: 'scrub-reply-text your refund code is R-8812',
  note: 'scrub-note-text customer seems upset',
};
const TRACE_ID = 'scrub-trace-7d1a';
const PAGE_ID = 'scrub-page-1001';

interface LogLine {
  level: string;
  msg: string;
  reqId?: string;
  userId?: string;
  conversationId?: string;
  req?: { url?: string; headers?: Record<string, string> };
  [key: string]: unknown;
}

/**
 * Every line the app logs while it is used the way a deployment is: channels with secrets, signed
 * webhooks carrying customers' words, sign-ins, replies a platform refuses. None may hold a secret, a
 * password, a token or a message's text; request lines carry the request id and the user.
 */
describe('log scrubbing', () => {
  const lines: string[] = [];
  const prefix = `scrub${randomBytes(4).toString('hex')}`;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let rapport: RapportApp;
  let baseUrl: string;
  let platform: Server;
  let admin: LoginResponse;
  let agent: LoginResponse;
  let newUser: UserAccount;
  let apiConversation: Conversation;
  const forbidden: string[] = [];

  beforeAll(async () => {
    // A platform that refuses every call, without repeating what it was sent.
    platform = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"recipient unknown","code":100}}'));
    });
    await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
    const platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;

    database = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      REDIS_URL,
      REDIS_PREFIX: prefix,
      PORT: '0',
      SIMULATOR: 'off',
      // The most that is ever logged: what holds at debug holds at info.
      LOG_LEVEL: 'debug',
      ...CONFIG_SECRETS,
    });
    // First app of this file: its destination is the process's logger (one per process).
    rapport = await createApp(config, { logDestination: { write: (line: string) => void lines.push(line) } });
    await rapport.http!.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(rapport.http!.getHttpServer().address() as AddressInfo).port}`;

    admin = await login(baseUrl, 'admin@rapport.test');
    const api = client(baseUrl, admin.accessToken);
    const care = (await api.get<Team[]>('/api/teams')).body.find((t) => t.name === 'Care')!;
    const created = await api.post<UserAccount>('/api/users', { email: 'scrub.agent@rapport.test', name: 'Scrub Agent', role: 'agent', password: NEW_PASSWORD, teamIds: [care.id] });
    expect(created.status).toBe(201);
    newUser = created.body;
    const channel = async (kind: string, name: string, channelConfig: Record<string, unknown>): Promise<Channel> => {
      const response = await api.post<Channel>('/api/channels', { kind, name, config: channelConfig });
      expect(response.status).toBe(201);
      return response.body;
    };
    await channel('api', 'Scrub backend', { key: 'scrub', secret: CHANNEL_SECRET, callbackUrl: `${platformUrl}/replies` });
    await channel('facebook', 'Scrub page', { pageId: PAGE_ID, pageAccessToken: PAGE_TOKEN, apiBaseUrl: platformUrl });
    await channel('telegram', 'Scrub bot', { botToken: BOT_TOKEN, pollIntervalSeconds: 1, apiBaseUrl: platformUrl });
    forbidden.push(...Object.values(CONFIG_SECRETS), CHANNEL_SECRET, PAGE_TOKEN, BOT_TOKEN, NEW_PASSWORD, WRONG_PASSWORD, PASSWORD, ...Object.values(TEXTS));
    forbidden.push(admin.accessToken, admin.refreshToken);
  }, 60_000);

  afterAll(async () => {
    await rapport?.context.close();
    await clearRedisPrefix(prefix);
    await database?.drop();
    await new Promise((resolve) => platform?.close(resolve));
  });

  const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);

  it('signs in, takes signed webhooks on every path, and fails a reply the platform refuses', async () => {
    // Sign-ins: a wrong password, the right one; the tokens then travel in headers.
    const wrong = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: newUser.email, password: WRONG_PASSWORD }) });
    expect(wrong.status).toBe(401);
    const signIn = await client(baseUrl).post<LoginResponse>('/api/auth/login', { email: newUser.email, password: NEW_PASSWORD });
    expect(signIn.status).toBe(200);
    agent = signIn.body;
    forbidden.push(agent.accessToken, agent.refreshToken);

    // The API channel: HMAC over the raw body with the channel's secret.
    const apiBody = JSON.stringify({ id: 'scrub-api-1', from: { id: 'cust-scrub', name: 'Scrub Customer' }, text: TEXTS.api });
    const apiWebhook = await fetch(`${baseUrl}/webhooks/api/scrub`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${hmacSha256Hex(CHANNEL_SECRET, apiBody)}` },
      body: apiBody,
    });
    expect(apiWebhook.status).toBe(200);

    // Telegram: the secret in the path and in its header.
    const update = { update_id: 9001, message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 555, first_name: 'Tele', type: 'private' }, from: { id: 555, is_bot: false, first_name: 'Tele' }, text: TEXTS.telegram } };
    const telegram = await fetch(`${baseUrl}/webhooks/telegram/${CONFIG_SECRETS.TELEGRAM_WEBHOOK_SECRET}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': CONFIG_SECRETS.TELEGRAM_WEBHOOK_SECRET },
      body: JSON.stringify(update),
    });
    expect(telegram.status).toBe(200);

    // Meta: X-Hub-Signature-256 with the app secret; the handshake with the verify token in the query.
    const now = Date.now();
    const metaBody = JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: now, messaging: [{ sender: { id: 'psid-scrub' }, recipient: { id: PAGE_ID }, timestamp: now, message: { mid: 'm_scrub_1', text: TEXTS.meta } }] }] });
    const meta = await fetch(`${baseUrl}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', CONFIG_SECRETS.META_APP_SECRET).update(metaBody).digest('hex')}` },
      body: metaBody,
    });
    expect(meta.status).toBe(200);
    const handshake = await fetch(`${baseUrl}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${CONFIG_SECRETS.META_VERIFY_TOKEN}&hub.challenge=4242`);
    expect(handshake.status).toBe(200);
    // A forged one too: refusals are logged, signatures are not.
    const forged = await fetch(`${baseUrl}/webhooks/api/scrub`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-rapport-signature': `sha256=${'0'.repeat(64)}` }, body: apiBody });
    expect(forged.status).toBe(401);

    // The queue dashboard with Basic credentials.
    const board = await fetch(`${baseUrl}/admin/queues`, { headers: { authorization: `Basic ${Buffer.from(`admin@rapport.test:${PASSWORD}`).toString('base64')}` } });
    expect(board.status).toBe(200);

    // Replies the platform refuses: the API channel's callback and the Messenger send API.
    const api = client(baseUrl, admin.accessToken);
    const conversationOf = (name: string) =>
      eventually(async () => (await api.get<Page<Conversation>>(`/api/conversations?q=${encodeURIComponent(name)}`)).body.items[0], 15_000, `the conversation of ${name}`);
    apiConversation = await conversationOf('Scrub Customer');
    const metaConversation = await eventually(
      async () => (await api.get<Page<Conversation>>('/api/conversations?channel=facebook')).body.items[0],
      15_000,
      'the Messenger conversation',
    );
    for (const conversation of [apiConversation, metaConversation]) {
      const reply = await api.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: TEXTS.reply });
      expect(reply.status).toBe(201);
      await eventually(
        async () => (await api.get<{ items: Message[] }>(`/api/conversations/${conversation.id}/messages`)).body.items.find((m) => m.id === reply.body.id && m.status === 'failed'),
        20_000,
        `the refused reply in ${conversation.id}`,
      );
    }
    expect((await api.post(`/api/conversations/${apiConversation.id}/messages`, { text: TEXTS.note, private: true })).status).toBe(201);

    // A call of the new agent's, traced by the caller's request id.
    const traced = await fetch(`${baseUrl}/api/conversations/${apiConversation.id}/messages`, { headers: { authorization: `Bearer ${agent.accessToken}`, 'x-request-id': TRACE_ID } });
    expect(traced.headers.get('x-request-id')).toBe(TRACE_ID);
    // Polls of the Telegram bot fail against the refusing platform: let a few happen.
    await eventually(() => parsed().some((l) => /poll/i.test(l.msg) && /telegram/i.test(l.msg)), 15_000, 'a failed Telegram poll logged');
  }, 120_000);

  it('logged all of it as JSON lines', () => {
    expect(lines.length).toBeGreaterThan(50);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    // The refused sends are there (without what was sent), and so are the webhooks.
    expect(parsed().some((l) => l.level === 'warn' && /send of .* failed/.test(l.msg))).toBe(true);
    expect(parsed().some((l) => l.msg.startsWith('POST /webhooks/telegram/[redacted] 200'))).toBe(true);
  });

  it('never logged a secret, a password, a token or what anyone wrote', () => {
    for (const value of forbidden) {
      const holding = lines.filter((line) => line.includes(value));
      expect({ value, lines: holding }).toEqual({ value, lines: [] });
    }
    // Nor a signature or an Authorization header, whatever it held.
    for (const line of parsed()) {
      for (const [name, value] of Object.entries(line.req?.headers ?? {})) {
        if (/authorization|signature|secret|token|cookie/i.test(name)) expect({ name, value }).toEqual({ name, value: '[redacted]' });
      }
    }
  });

  it('gives every request line its request id, and the user and conversation when there are', () => {
    const requestLines = parsed().filter((l) => l.req !== undefined);
    expect(requestLines.length).toBeGreaterThan(10);
    for (const line of requestLines) expect(line.reqId).toEqual(expect.any(String));
    const traced = requestLines.find((l) => l.reqId === TRACE_ID);
    expect(traced).toMatchObject({ level: 'info', userId: newUser.id, conversationId: apiConversation.id, res: { statusCode: 200 } });
    expect(traced!.msg).toBe(`GET /api/conversations/${apiConversation.id}/messages 200 ${String(traced!.responseTime)} ms`);
    // So do the app's own logs made while a request is handled (here: the scheduling of the bot's polls).
    expect(parsed().some((l) => l.context !== undefined && l.req === undefined && typeof l.reqId === 'string' && l.userId === admin.user.id)).toBe(true);
    // Signed-in calls carry the user; webhooks have none.
    expect(requestLines.some((l) => l.userId === admin.user.id && l.req?.url === '/api/channels')).toBe(true);
    expect(requestLines.filter((l) => l.req?.url?.startsWith('/webhooks/')).every((l) => l.userId === undefined)).toBe(true);
  });
});
