import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ApiError, Conversation, CustomerProfile, HealthResponse, LoginResponse, Message, Page } from '@rapport/shared';
import { client, eventually, login, PASSWORD, postApiMessage, startTestApp, storedMessage, type TestApp } from './support/test-app.js';

type Api = ReturnType<typeof client>;

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, to try the guard with tokens the server did not issue. */
function handMadeJwt(payload: object, secret: string | null): string {
  const header = base64url({ alg: secret === null ? 'none' : 'HS256', typ: 'JWT' });
  const body = base64url(payload);
  const signature = secret === null ? '' : createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
  return `${header}.${body}.${signature}`;
}

describe('conversations API', () => {
  let app: TestApp;
  let db: pg.Client;
  let agent1: LoginResponse;
  let agent2: LoginResponse;
  let lead: LoginResponse;
  let managerLogin: LoginResponse;
  let asAgent1: Api;
  let asAgent2: Api;
  let asLead: Api;
  let asManager: Api;
  let anonymous: Api;

  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    [agent1, agent2, lead, managerLogin] = await Promise.all([
      login(app.baseUrl, 'agent1@rapport.test'),
      login(app.baseUrl, 'agent2@rapport.test'),
      login(app.baseUrl, 'lead@rapport.test'),
      login(app.baseUrl, 'manager@rapport.test'),
    ]);
    asAgent1 = client(app.baseUrl, agent1.accessToken);
    asAgent2 = client(app.baseUrl, agent2.accessToken);
    asLead = client(app.baseUrl, lead.accessToken);
    asManager = client(app.baseUrl, managerLogin.accessToken);
    anonymous = client(app.baseUrl);
  });

  afterAll(async () => {
    await db.end();
    await app.close();
  });

  /** Waits until a customer message with this platform id is stored, and returns its conversation id. */
  async function stored(externalId: string): Promise<string> {
    return (await storedMessage(db, externalId)).conversationId;
  }

  /** A customer (`sender`) writes on the demo channel; resolves once the message is stored. */
  async function customerWrites(sender: string, externalId: string, text: string, name?: string): Promise<string> {
    const response = await postApiMessage(app.baseUrl, { id: externalId, from: { id: sender, ...(name ? { name } : {}) }, text });
    expect(response.status).toBe(200);
    return stored(externalId);
  }

  /** A new customer with one message: a fresh, unassigned conversation of team Care. */
  async function newConversation(sender: string, text = `hello from ${sender}`, name?: string): Promise<Conversation> {
    const id = await customerWrites(sender, `${sender}-1`, text, name);
    return (await asManager.get<Conversation>(`/api/conversations/${id}`)).body;
  }

  const messagesOf = async (api: Api, conversationId: string, query = ''): Promise<Message[]> =>
    (await api.get<{ items: Message[] }>(`/api/conversations/${conversationId}/messages${query}`)).body.items;

  describe('auth', () => {
    it('logs in with email and password', async () => {
      const response = await anonymous.post<LoginResponse>('/api/auth/login', { email: 'agent1@rapport.test', password: PASSWORD });
      expect(response.status).toBe(200);
      expect(typeof response.body.accessToken).toBe('string');
      expect(response.body.accessToken.split('.')).toHaveLength(3);
      expect(response.body.user).toEqual({ id: expect.any(String), name: 'Alex Moreno', email: 'agent1@rapport.test', role: 'agent' });
      expect(Object.keys(response.body.user).sort()).toEqual(['email', 'id', 'name', 'role']);
    });

    it('lists colleagues’ names for every role, without emails or settings', async () => {
      const response = await asAgent1.get<Array<Record<string, unknown>>>('/api/auth/directory');
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(7);
      expect(response.body.find((u) => u.name === 'Lee Tanaka')).toEqual({ id: expect.any(String), name: 'Lee Tanaka', role: 'lead' });
      expect((await anonymous.get('/api/auth/directory')).status).toBe(401);
    });

    it('finds the user whatever the case of the email', async () => {
      const response = await anonymous.post<LoginResponse>('/api/auth/login', { email: 'Manager@Rapport.TEST', password: PASSWORD });
      expect(response.status).toBe(200);
      expect(response.body.user.role).toBe('manager');
    });

    it.each([
      ['a wrong password', { email: 'agent1@rapport.test', password: 'not-the-password' }],
      ['an unknown email', { email: 'nobody@rapport.test', password: PASSWORD }],
    ])('answers 401 to %s, without saying which part was wrong', async (_what, body) => {
      const response = await anonymous.post<ApiError>('/api/auth/login', body);
      expect(response.status).toBe(401);
      expect(response.body.message).toBe('Wrong email or password');
    });

    it.each([
      ['no body fields', {}, /email/],
      ['no password', { email: 'agent1@rapport.test' }, /password/],
      ['an empty password', { email: 'agent1@rapport.test', password: '' }, /password/],
      ['an email that is not one', { email: 'agent1', password: PASSWORD }, /email/],
      ['a numeric email', { email: 42, password: PASSWORD }, /email/],
    ])('answers 400 to %s, naming the field', async (_what, body, field) => {
      const response = await anonymous.post<ApiError>('/api/auth/login', body);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(field);
    });

    it('tells a signed-in user who they are', async () => {
      const me = await asAgent1.get<{ id: string; role: string; teamIds: string[] }>('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: agent1.user.id, role: 'agent' });
      expect(me.body.teamIds).toHaveLength(1);
    });
  });

  describe('every /api route but login and health needs a valid bearer token', () => {
    const someId = '00000000-0000-4000-8000-000000000000';
    const routes: Array<[string, string]> = [
      ['GET', '/api/conversations'],
      ['GET', `/api/conversations/${someId}`],
      ['GET', `/api/conversations/${someId}/messages`],
      ['POST', `/api/conversations/${someId}/messages`],
      ['POST', `/api/conversations/${someId}/assign`],
      ['POST', `/api/conversations/${someId}/status`],
      ['GET', `/api/customers/${someId}`],
      ['GET', '/api/auth/me'],
    ];

    const call = (method: string, path: string, authorization?: string) =>
      fetch(app.baseUrl + path, {
        method,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        ...(method === 'POST' ? { body: '{}' } : {}),
      });

    it.each(routes)('%s %s without a token → 401', async (method, path) => {
      const response = await call(method, path);
      expect(response.status).toBe(401);
      expect(((await response.json()) as ApiError).message).toMatch(/token/i);
    });

    it.each(routes)('%s %s with a garbage token → 401', async (method, path) => {
      expect((await call(method, path, 'Bearer not.a.token')).status).toBe(401);
    });

    it.each([
      ['a token signed with another secret', () => handMadeJwt({ sub: managerLogin.user.id, iat: Math.floor(Date.now() / 1000) }, 'some-other-secret')],
      ['an unsigned token (alg none)', () => handMadeJwt({ sub: managerLogin.user.id, iat: Math.floor(Date.now() / 1000) }, null)],
      ['an expired token', () => handMadeJwt({ sub: managerLogin.user.id, iat: 1_600_000_000, exp: 1_600_000_060 }, app.config.JWT_SECRET)],
      ['a token of a user that does not exist', () => handMadeJwt({ sub: randomUUID(), iat: Math.floor(Date.now() / 1000) }, app.config.JWT_SECRET)],
    ])('refuses %s', async (_what, token) => {
      expect((await call('GET', '/api/conversations', `Bearer ${token()}`)).status).toBe(401);
    });

    it('accepts a well-formed token signed with the server secret (so the refusals above are about the token)', async () => {
      const token = handMadeJwt({ sub: managerLogin.user.id, iat: Math.floor(Date.now() / 1000) }, app.config.JWT_SECRET);
      expect((await call('GET', '/api/conversations', `Bearer ${token}`)).status).toBe(200);
    });

    it('refuses a token sent without the Bearer scheme', async () => {
      expect((await call('GET', '/api/conversations', managerLogin.accessToken)).status).toBe(401);
    });
  });

  describe('service endpoints', () => {
    it('GET /api/health answers ok without a token', async () => {
      const response = await anonymous.get<HealthResponse>('/api/health');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok', postgres: 'ok', redis: 'ok' });
    });

    it('GET /api/docs-json is the OpenAPI document of the API', async () => {
      const response = await anonymous.get<{ openapi: string; paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toMatch(/^3\./);
      const { paths } = response.body;
      expect(Object.keys(paths['/api/conversations']!)).toContain('get');
      expect(Object.keys(paths['/api/conversations/{id}']!)).toContain('get');
      expect(Object.keys(paths['/api/conversations/{id}/messages']!).sort()).toEqual(expect.arrayContaining(['get', 'post']));
      expect(Object.keys(paths['/api/conversations/{id}/assign']!)).toContain('post');
      expect(Object.keys(paths['/api/conversations/{id}/status']!)).toContain('post');
      expect(Object.keys(paths['/api/auth/login']!)).toContain('post');
    });

    it('GET /metrics is Prometheus text', async () => {
      const response = await fetch(`${app.baseUrl}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toMatch(/^# HELP rapport_inbound_messages_total /m);
      expect(text).toMatch(/^# TYPE rapport_inbound_messages_total counter$/m);
      expect(text).toMatch(/^# TYPE rapport_outbound_messages_total counter$/m);
      expect(text).toMatch(/^rapport_queue_jobs\{queue="inbound",state="waiting"\} \d+$/m);
      expect(text).toMatch(/^rapport_queue_oldest_waiting_seconds\{queue="outbound"\} [\d.]+$/m);
    });
  });

  describe('listing conversations', () => {
    const senders = ['pager-a', 'pager-b', 'pager-c', 'pager-d', 'pager-e'];
    let created: Conversation[];

    beforeAll(async () => {
      created = [];
      // One after the other, so that each has later activity than the one before.
      for (const sender of senders) created.push(await newConversation(sender, `pagerzz question of ${sender}`));
    });

    it('walks all pages with limit=2 through nextCursor: 2 + 2 + 1, newest activity first, no duplicates', async () => {
      const pages: Array<Page<Conversation>> = [];
      let cursor: string | null = null;
      do {
        const query: string = `/api/conversations?q=pagerzz&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await asManager.get<Page<Conversation>>(query);
        expect(response.status).toBe(200);
        pages.push(response.body);
        cursor = response.body.nextCursor;
      } while (cursor !== null && pages.length < 10);

      expect(pages.map((p) => p.items.length)).toEqual([2, 2, 1]);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      const ids = pages.flatMap((p) => p.items.map((c) => c.id));
      expect(new Set(ids).size).toBe(5);
      expect(ids).toEqual(created.map((c) => c.id).reverse());
      const times = pages.flatMap((p) => p.items.map((c) => Date.parse(c.lastMessageAt!)));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
    });

    it('gives a null nextCursor when everything fits on one page', async () => {
      const response = await asManager.get<Page<Conversation>>('/api/conversations?q=pagerzz&limit=5');
      expect(response.body.items).toHaveLength(5);
      expect(response.body.nextCursor).toBeNull();
    });

    it('moves a conversation with new activity to the top', async () => {
      await customerWrites('pager-b', 'pager-b-2', 'pagerzz one more thing');
      const response = await asManager.get<Page<Conversation>>('/api/conversations?q=pagerzz&limit=2');
      expect(response.body.items.map((c) => c.id)).toEqual([created[1]!.id, created[4]!.id]);
    });

    it.each([
      ['a garbage cursor', 'not-a-cursor'],
      ['a cursor with a bad id', Buffer.from('2024-01-01T00:00:00.000Z|1').toString('base64url')],
    ])('answers 400 to %s', async (_what, cursor) => {
      const response = await asManager.get<ApiError>(`/api/conversations?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(/cursor/);
    });

    it.each([['limit=0'], ['limit=101'], ['limit=two'], ['status=closed'], ['teamId=nope']])('answers 400 to %s', async (query) => {
      expect((await asManager.get(`/api/conversations?${query}`)).status).toBe(400);
    });

    it('filters by status', async () => {
      expect((await asManager.post(`/api/conversations/${created[0]!.id}/status`, { status: 'pending' })).status).toBe(200);
      const pending = await asManager.get<Page<Conversation>>('/api/conversations?status=pending&q=pagerzz');
      expect(pending.body.items.map((c) => c.id)).toEqual([created[0]!.id]);
      const open = await asManager.get<Page<Conversation>>('/api/conversations?status=open&q=pagerzz');
      expect(open.body.items).toHaveLength(4);
      expect(open.body.items.every((c) => c.status === 'open')).toBe(true);
    });

    it('filters by assignee: me, unassigned, a user id', async () => {
      expect((await asLead.post(`/api/conversations/${created[2]!.id}/assign`, { assigneeId: agent1.user.id })).status).toBe(200);

      const mine = await asAgent1.get<Page<Conversation>>('/api/conversations?assignee=me&q=pagerzz');
      expect(mine.body.items.map((c) => c.id)).toEqual([created[2]!.id]);
      const byId = await asManager.get<Page<Conversation>>(`/api/conversations?assignee=${agent1.user.id}&q=pagerzz`);
      expect(byId.body.items.map((c) => c.id)).toEqual([created[2]!.id]);
      const unassigned = await asManager.get<Page<Conversation>>('/api/conversations?assignee=unassigned&q=pagerzz');
      expect(unassigned.body.items).toHaveLength(4);
      expect(unassigned.body.items.map((c) => c.id)).not.toContain(created[2]!.id);
      expect(unassigned.body.items.every((c) => c.assigneeId === null)).toBe(true);
      const managersOwn = await asManager.get<Page<Conversation>>('/api/conversations?assignee=me&q=pagerzz');
      expect(managersOwn.body.items).toHaveLength(0);
      expect((await asManager.get<ApiError>('/api/conversations?assignee=someone')).status).toBe(400);
    });

    it('filters by text: customer name, last message, any message', async () => {
      await newConversation('search-1', 'The blender arrived broken', 'Katherine Johnson');
      const byName = await asManager.get<Page<Conversation>>('/api/conversations?q=katherine');
      expect(byName.body.items.map((c) => c.customer.name)).toEqual(['Katherine Johnson']);
      const byText = await asManager.get<Page<Conversation>>('/api/conversations?q=BLENDER');
      expect(byText.body.items.map((c) => c.customer.name)).toEqual(['Katherine Johnson']);
      const byOlderMessage = await asManager.get<Page<Conversation>>('/api/conversations?q=question%20of%20pager-b');
      expect(byOlderMessage.body.items.map((c) => c.id)).toEqual([created[1]!.id]);
      expect((await asManager.get<Page<Conversation>>('/api/conversations?q=nothing-matches-this')).body.items).toEqual([]);
      // LIKE wildcards are literal characters.
      expect((await asManager.get<Page<Conversation>>('/api/conversations?q=%25')).body.items).toEqual([]);
    });

    it('filters by channel kind and team', async () => {
      const api = await asManager.get<Page<Conversation>>('/api/conversations?channel=api&q=pagerzz');
      expect(api.body.items).toHaveLength(5);
      expect((await asManager.get<Page<Conversation>>('/api/conversations?channel=x&q=pagerzz')).body.items).toHaveLength(0);
      const team = await asManager.get<Page<Conversation>>(`/api/conversations?teamId=${created[0]!.teamId}&q=pagerzz`);
      expect(team.body.items).toHaveLength(5);
      expect((await asManager.get<Page<Conversation>>(`/api/conversations?teamId=${randomUUID()}&q=pagerzz`)).body.items).toHaveLength(0);
    });
  });

  describe('one conversation and its messages', () => {
    it('answers 404 to an unknown id and 400 to an id that is not a uuid', async () => {
      const unknown = await asManager.get<ApiError>(`/api/conversations/${randomUUID()}`);
      expect(unknown.status).toBe(404);
      const bad = await asManager.get<ApiError>('/api/conversations/not-a-uuid');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/not-a-uuid/);
      expect((await asManager.get(`/api/conversations/${randomUUID()}/messages`)).status).toBe(404);
      expect((await asManager.post(`/api/conversations/${randomUUID()}/messages`, { text: 'hi' })).status).toBe(404);
      expect((await asManager.post('/api/conversations/42/status', { status: 'open' })).status).toBe(400);
    });

    it('returns the conversation in the contract shape', async () => {
      const conversation = await newConversation('shape-1', 'Is my refund coming?', 'Dorothy Vaughan');
      expect(conversation).toMatchObject({
        id: expect.any(String),
        channelId: expect.any(String),
        channelKind: 'api',
        customerId: expect.any(String),
        customer: { id: conversation.customerId, name: 'Dorothy Vaughan', handle: 'shape-1' },
        status: 'open',
        priority: 'normal',
        assigneeId: null,
        teamId: expect.any(String),
        lastMessagePreview: 'Is my refund coming?',
        unreadCount: 1,
      });
      expect(Number.isNaN(Date.parse(conversation.lastMessageAt!))).toBe(false);
    });

    it('lists messages oldest first and pages back with before=', async () => {
      const conversationId = await customerWrites('thread-1', 'thread-1-a', 'one');
      await customerWrites('thread-1', 'thread-1-b', 'two');
      await customerWrites('thread-1', 'thread-1-c', 'three');
      const all = await messagesOf(asManager, conversationId);
      expect(all.map((m) => m.text)).toEqual(['one', 'two', 'three']);
      expect(all.every((m) => m.conversationId === conversationId && m.direction === 'inbound' && m.authorType === 'customer')).toBe(true);

      const newest = await messagesOf(asManager, conversationId, '?limit=2');
      expect(newest.map((m) => m.text)).toEqual(['two', 'three']);
      const older = await messagesOf(asManager, conversationId, `?limit=2&before=${newest[0]!.id}`);
      expect(older.map((m) => m.text)).toEqual(['one']);
      const none = await messagesOf(asManager, conversationId, `?before=${older[0]!.id}`);
      expect(none).toEqual([]);
    });

    it('answers 400 to a before= that is not a message of the conversation', async () => {
      const conversationId = await stored('thread-1-a');
      expect((await asManager.get(`/api/conversations/${conversationId}/messages?before=${randomUUID()}`)).status).toBe(400);
      expect((await asManager.get(`/api/conversations/${conversationId}/messages?before=nope`)).status).toBe(400);
      expect((await asManager.get(`/api/conversations/${conversationId}/messages?limit=0`)).status).toBe(400);
    });
  });

  describe('replying', () => {
    it('answers 201 with a queued message that is then sent (API channel without callbackUrl)', async () => {
      const conversation = await newConversation('reply-1');
      const reply = await asLead.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: '  We are on it.  ' });
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({
        conversationId: conversation.id,
        direction: 'outbound',
        authorType: 'agent',
        authorId: lead.user.id,
        authorName: 'Lee Tanaka',
        private: false,
        text: 'We are on it.',
        status: 'queued',
        clientId: null,
      });
      const sent = await eventually(async () => {
        const message = (await messagesOf(asLead, conversation.id)).find((m) => m.id === reply.body.id);
        return message?.status === 'sent' ? message : undefined;
      }, 10000, 'the reply to be sent');
      expect(sent.externalId).toBeNull();
      expect(sent.error).toBeNull();

      const after = (await asLead.get<Conversation>(`/api/conversations/${conversation.id}`)).body;
      expect(after).toMatchObject({ waitingSince: null, unreadCount: 0, lastMessagePreview: 'We are on it.', assigneeId: null });
    });

    it('creates one message for the same clientId sent twice, answering 201 both times with the same id', async () => {
      const conversation = await newConversation('reply-idem');
      const body = { text: 'Only once please', clientId: 'idem-1' };
      const first = await asLead.post<Message>(`/api/conversations/${conversation.id}/messages`, body);
      const second = await asLead.post<Message>(`/api/conversations/${conversation.id}/messages`, body);
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(second.body.id).toBe(first.body.id);
      expect(first.body.clientId).toBe('idem-1');
      const outbound = (await messagesOf(asLead, conversation.id)).filter((m) => m.direction === 'outbound');
      expect(outbound.map((m) => m.id)).toEqual([first.body.id]);
    });

    it('creates one message for the same clientId sent 5 times at once', async () => {
      const conversation = await newConversation('reply-idem-parallel');
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => asLead.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: 'Racing', clientId: 'idem-parallel' })),
      );
      expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect((await messagesOf(asLead, conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(1);
    });

    it('answers 409 when a clientId is reused for another conversation', async () => {
      const conversation = await newConversation('reply-idem-other');
      const response = await asLead.post<ApiError>(`/api/conversations/${conversation.id}/messages`, { text: 'Only once please', clientId: 'idem-1' });
      expect(response.status).toBe(409);
      expect((await messagesOf(asLead, conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(0);
    });

    it.each([
      ['empty text', { text: '' }],
      ['blank text', { text: '   \n ' }],
      ['no text', {}],
      ['a non-boolean private', { text: 'hi', private: 'yes' }],
      ['a lastSeenMessageId that is not a uuid', { text: 'hi', lastSeenMessageId: 'latest' }],
    ])('answers 400 to %s and stores nothing', async (_what, body) => {
      const conversation = await newConversation(`reply-bad-${_what.replace(/\W+/g, '-')}`);
      const response = await asLead.post<ApiError>(`/api/conversations/${conversation.id}/messages`, body);
      expect(response.status).toBe(400);
      expect(typeof response.body.message).toBe('string');
      expect(await messagesOf(asLead, conversation.id)).toHaveLength(1);
    });

    it('answers 409 when the customer wrote after the message the agent last saw, and 201 once they saw the newest', async () => {
      const conversationId = await customerWrites('reply-seen', 'reply-seen-1', 'first');
      await customerWrites('reply-seen', 'reply-seen-2', 'second');
      const [first, second] = await messagesOf(asLead, conversationId);

      const stale = await asLead.post<ApiError>(`/api/conversations/${conversationId}/messages`, { text: 'Answering the first', lastSeenMessageId: first!.id });
      expect(stale.status).toBe(409);
      expect(stale.body.message).toMatch(/1 new message/);
      expect(await messagesOf(asLead, conversationId)).toHaveLength(2);

      const fresh = await asLead.post<Message>(`/api/conversations/${conversationId}/messages`, { text: 'Answering both', lastSeenMessageId: second!.id });
      expect(fresh.status).toBe(201);
      // Our own reply is not news: the last seen customer message still counts.
      const again = await asLead.post<Message>(`/api/conversations/${conversationId}/messages`, { text: 'And one more thing', lastSeenMessageId: second!.id });
      expect(again.status).toBe(201);
    });

    it('answers 400 to a lastSeenMessageId of another conversation', async () => {
      const conversation = await newConversation('reply-seen-elsewhere');
      const elsewhere = (await messagesOf(asLead, await stored('reply-seen-1')))[0]!;
      expect((await asLead.post(`/api/conversations/${conversation.id}/messages`, { text: 'hi', lastSeenMessageId: elsewhere.id })).status).toBe(400);
    });

    it('stores a private note as private and sent, without counting it as a reply', async () => {
      const conversation = await newConversation('reply-note');
      expect(conversation.waitingSince).not.toBeNull();
      const note = await asAgent1.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: 'Customer is a VIP, be nice', private: true });
      expect(note.status).toBe(201);
      expect(note.body).toMatchObject({ private: true, status: 'sent', direction: 'outbound', authorType: 'agent', authorId: agent1.user.id });

      const after = (await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body;
      expect(after.waitingSince).toBe(conversation.waitingSince);
      expect(after.unreadCount).toBe(conversation.unreadCount);
      expect(after.lastMessagePreview).toBe(conversation.lastMessagePreview);
      expect(after.lastMessageAt).toBe(conversation.lastMessageAt);
      // A note does not claim the conversation either.
      expect(after.assigneeId).toBeNull();
      const [, stored] = await messagesOf(asManager, conversation.id);
      expect(stored).toMatchObject({ id: note.body.id, private: true, status: 'sent', externalId: null });
    });

    it('lets an agent answering an unassigned conversation claim it', async () => {
      const conversation = await newConversation('reply-claim');
      const reply = await asAgent1.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: 'I will take this one' });
      expect(reply.status).toBe(201);
      const after = (await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body;
      expect(after.assigneeId).toBe(agent1.user.id);
      expect(after.waitingSince).toBeNull();
    });

    it('refuses a public reply of a colleague to an assigned conversation (403) but takes their private note', async () => {
      const conversation = await newConversation('reply-colleague');
      expect((await asLead.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent1.user.id })).status).toBe(200);

      const refused = await asAgent2.post<ApiError>(`/api/conversations/${conversation.id}/messages`, { text: 'Let me answer' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(/assigned to a colleague/);
      const note = await asAgent2.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: 'FYI: I know this customer', private: true });
      expect(note.status).toBe(201);
      expect(note.body.private).toBe(true);

      const messages = await messagesOf(asAgent1, conversation.id);
      expect(messages.map((m) => [m.authorType, m.private, m.text])).toEqual([
        ['customer', false, 'hello from reply-colleague'],
        ['agent', true, 'FYI: I know this customer'],
      ]);
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBe(agent1.user.id);
      // The assignee and supervisors may answer.
      expect((await asAgent1.post(`/api/conversations/${conversation.id}/messages`, { text: 'Hello, Alex here' })).status).toBe(201);
      expect((await asLead.post(`/api/conversations/${conversation.id}/messages`, { text: 'Lead here too' })).status).toBe(201);
    });
  });

  describe('two agents at once', () => {
    it('lets exactly one of two agents answering an unassigned conversation at the same moment claim it', async () => {
      const conversation = await newConversation('race-reply');
      const [one, two] = await Promise.all([
        asAgent1.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: 'Agent one here' }),
        asAgent2.post<Message>(`/api/conversations/${conversation.id}/messages`, { text: 'Agent two here' }),
      ]);
      expect([one.status, two.status].sort()).toEqual([201, 403]);
      const winner = one.status === 201 ? agent1 : agent2;
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBe(winner.user.id);
      expect((await messagesOf(asManager, conversation.id)).filter((m) => m.direction === 'outbound')).toHaveLength(1);
    });

    it('lets exactly one of two agents taking the same conversation at the same moment have it', async () => {
      const conversation = await newConversation('race-assign');
      const answers = await Promise.all([
        asAgent1.post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent1.user.id }),
        asAgent2.post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent2.user.id }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 403]);
      const winner = answers.find((a) => a.status === 200)!.body.assigneeId;
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBe(winner);
    });
  });

  describe('assigning', () => {
    it('lets a lead assign a conversation to an agent', async () => {
      const conversation = await newConversation('assign-lead');
      const response = await asLead.post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent1.user.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: conversation.id, assigneeId: agent1.user.id, teamId: conversation.teamId });
      expect((await asAgent1.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBe(agent1.user.id);

      // Reassigning and unassigning are the lead's call too.
      expect((await asLead.post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent2.user.id })).body.assigneeId).toBe(agent2.user.id);
      expect((await asLead.post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: null })).body.assigneeId).toBeNull();
    });

    it('does not let an agent take a colleague’s conversation (403)', async () => {
      const conversation = await newConversation('assign-steal');
      expect((await asLead.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent1.user.id })).status).toBe(200);
      const response = await asAgent2.post<ApiError>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent2.user.id });
      expect(response.status).toBe(403);
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBe(agent1.user.id);
      expect((await asAgent1.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: null })).status).toBe(403);
    });

    it('lets an agent take an unassigned conversation for themself, not give it to a colleague', async () => {
      const conversation = await newConversation('assign-self');
      const toColleague = await asAgent2.post<ApiError>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent1.user.id });
      expect(toColleague.status).toBe(403);
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBeNull();

      const taken = await asAgent2.post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent2.user.id });
      expect(taken.status).toBe(200);
      expect(taken.body.assigneeId).toBe(agent2.user.id);
    });

    it.each([
      ['an unknown user', () => ({ assigneeId: randomUUID() }), /not a user/],
      ['a manager (conversations go to agents and leads)', () => ({ assigneeId: managerLogin.user.id }), /agents and leads/],
      ['an assigneeId that is not a uuid', () => ({ assigneeId: 'agent1' }), /assigneeId/],
      ['a missing assigneeId', () => ({}), /assigneeId/],
      ['an agent outside the named team', () => ({ assigneeId: agent1.user.id, teamId: randomUUID() }), /not a member/],
      ['a team that does not exist', () => ({ assigneeId: null, teamId: randomUUID() }), /does not exist/],
    ])('answers 400 to %s', async (_what, body, reason) => {
      const conversation = await newConversation(`assign-bad-${_what.replace(/\W+/g, '-')}`);
      const response = await asLead.post<ApiError>(`/api/conversations/${conversation.id}/assign`, body());
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(reason);
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBeNull();
    });
  });

  describe('status', () => {
    let conversation: Conversation;

    beforeAll(async () => {
      conversation = await newConversation('status-1');
    });

    it.each([['resolved'], ['pending'], ['open']] as const)('sets %s', async (status) => {
      const response = await asLead.post<Conversation>(`/api/conversations/${conversation.id}/status`, { status });
      expect(response.status).toBe(200);
      expect(response.body.status).toBe(status);
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.status).toBe(status);
    });

    it('snoozes until a future time', async () => {
      const until = new Date(Date.now() + 3_600_000).toISOString();
      const response = await asLead.post<Conversation>(`/api/conversations/${conversation.id}/status`, { status: 'snoozed', snoozeUntil: until });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ status: 'snoozed', snoozedUntil: until });
      const reopened = await asLead.post<Conversation>(`/api/conversations/${conversation.id}/status`, { status: 'open' });
      expect(reopened.body).toMatchObject({ status: 'open', snoozedUntil: null });
    });

    it.each([['pending'], ['snoozed']] as const)('wakes a %s conversation when the customer writes again', async (status) => {
      const sender = `status-wake-${status}`;
      const sleeping = await newConversation(sender);
      const body = status === 'snoozed' ? { status, snoozeUntil: new Date(Date.now() + 3_600_000).toISOString() } : { status };
      expect((await asLead.post(`/api/conversations/${sleeping.id}/status`, body)).status).toBe(200);
      expect(await customerWrites(sender, `${sender}-2`, 'anyone there?')).toBe(sleeping.id);
      const after = (await asManager.get<Conversation>(`/api/conversations/${sleeping.id}`)).body;
      expect(after).toMatchObject({ status: 'open', snoozedUntil: null, unreadCount: 2 });
    });

    it.each([
      ['snoozed without snoozeUntil', { status: 'snoozed' }, /snoozeUntil/],
      ['snoozed until a past time', { status: 'snoozed', snoozeUntil: '2020-01-01T00:00:00Z' }, /future/],
      ['snoozed until a non-date', { status: 'snoozed', snoozeUntil: 'tomorrow' }, /snoozeUntil/],
      ['an unknown status', { status: 'closed' }, /status/],
      ['no status', {}, /status/],
    ])('answers 400 to %s', async (_what, body, reason) => {
      const response = await asLead.post<ApiError>(`/api/conversations/${conversation.id}/status`, body);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(reason);
      expect((await asManager.get<Conversation>(`/api/conversations/${conversation.id}`)).body.status).toBe('open');
    });
  });

  describe('teams fence agents in', () => {
    const BILLING_SECRET = 'billing-secret';
    let billing: Conversation;

    beforeAll(async () => {
      const team = await db.query<{ id: string }>("INSERT INTO teams (name) VALUES ('Billing') RETURNING id");
      await db.query("INSERT INTO channels (kind, key, name, config, secrets, team_id) VALUES ('api', 'billing', 'Billing API', '{}', $1, $2)", [
        JSON.stringify({ secret: BILLING_SECRET }),
        team.rows[0]!.id,
      ]);
      const response = await postApiMessage(app.baseUrl, { id: 'billing-1', from: { id: 'cust-billing', name: 'Billing Customer' }, text: 'invoice wrong' }, { key: 'billing', secret: BILLING_SECRET });
      expect(response.status).toBe(200);
      billing = (await asManager.get<Conversation>(`/api/conversations/${await stored('billing-1')}`)).body;
    });

    it('the conversation belongs to the other team', () => {
      expect(billing.teamId).not.toBeNull();
      expect(billing.channelName).toBe('Billing API');
    });

    it('an agent of another team gets 403 for it, its messages, its customer, and every action', async () => {
      expect((await asAgent1.get(`/api/conversations/${billing.id}`)).status).toBe(403);
      expect((await asAgent1.get(`/api/conversations/${billing.id}/messages`)).status).toBe(403);
      expect((await asAgent1.get(`/api/customers/${billing.customerId}`)).status).toBe(403);
      expect((await asAgent1.post(`/api/conversations/${billing.id}/messages`, { text: 'hi' })).status).toBe(403);
      expect((await asAgent1.post(`/api/conversations/${billing.id}/messages`, { text: 'hi', private: true })).status).toBe(403);
      expect((await asAgent1.post(`/api/conversations/${billing.id}/assign`, { assigneeId: agent1.user.id })).status).toBe(403);
      expect((await asAgent1.post(`/api/conversations/${billing.id}/status`, { status: 'resolved' })).status).toBe(403);
      expect((await asManager.get<Conversation>(`/api/conversations/${billing.id}`)).body).toMatchObject({ status: 'open', assigneeId: null });
      expect(await messagesOf(asManager, billing.id)).toHaveLength(1);
    });

    it('does not list it for the agent nor for a lead of another team, but does for managers', async () => {
      const agentView = await asAgent1.get<Page<Conversation>>('/api/conversations?limit=100');
      expect(agentView.body.items.length).toBeGreaterThan(0);
      expect(agentView.body.items.map((c) => c.id)).not.toContain(billing.id);
      expect(agentView.body.items.every((c) => c.teamId !== billing.teamId)).toBe(true);
      expect((await asManager.get<Page<Conversation>>('/api/conversations?q=invoice')).body.items.map((c) => c.id)).toEqual([billing.id]);
      expect((await asLead.get<Page<Conversation>>('/api/conversations?q=invoice')).body.items).toEqual([]);
      expect((await asLead.get(`/api/conversations/${billing.id}`)).status).toBe(403);
      expect((await asLead.post(`/api/conversations/${billing.id}/assign`, { assigneeId: agent1.user.id })).status).toBe(403);
      const profile = await asManager.get<CustomerProfile>(`/api/customers/${billing.customerId}`);
      expect(profile.status).toBe(200);
      expect(profile.body.conversations.map((c) => c.id)).toEqual([billing.id]);
    });

    it('an agent assigned by a manager across teams sees it', async () => {
      expect((await asManager.post(`/api/conversations/${billing.id}/assign`, { assigneeId: agent1.user.id })).status).toBe(200);
      expect((await asAgent1.get(`/api/conversations/${billing.id}`)).status).toBe(200);
      expect((await asAgent2.get(`/api/conversations/${billing.id}`)).status).toBe(403);
      expect((await asAgent2.get(`/api/conversations/${randomUUID()}`)).status).toBe(404);
    });
  });
});
