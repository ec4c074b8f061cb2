import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Conversation, Role, User } from '@rapport/shared';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startAppWithDatabase, storedMessage, sync, type TestSocket } from './support/test-app.js';

type Api = ReturnType<typeof client>;

/** Who may call a route: anyone (no token), a platform signing its webhook, every signed-in role, or these roles only. */
type Access = 'public' | 'platform' | 'signed-in' | Role[];

interface RouteRule {
  access: Access;
  /** A body (or query) that passes validation, where a check beyond the guard decides by role. */
  body?: () => unknown;
  query?: string;
  /** Left out of the OpenAPI document (webhooks and Prometheus are for platforms and scrapers). */
  undocumented?: boolean;
}

const SUPERVISORS: Role[] = ['lead', 'manager', 'admin'];
const WRITERS: Role[] = ['lead', 'admin'];
const MANAGE_DATA: Role[] = ['manager', 'admin'];

/**
 * Every route of the OpenAPI document, by `METHOD path` as the document names it. A route missing here
 * fails the test, so a new route cannot ship without saying who may call it.
 */
const RULES: Record<string, RouteRule> = {
  'GET /api/health': { access: 'public' },
  'POST /api/auth/login': { access: 'public' },
  'POST /api/auth/refresh': { access: 'public' },
  'POST /api/auth/logout': { access: 'public' },
  'GET /api/auth/directory': { access: 'signed-in' },
  'GET /api/auth/me': { access: 'signed-in' },
  'GET /api/users': { access: ['admin'] },
  'POST /api/users': { access: ['admin'] },
  'PATCH /api/users/{id}': { access: ['admin'] },
  'GET /api/agents': { access: SUPERVISORS },
  'PATCH /api/agents/{id}': { access: WRITERS },
  'GET /api/teams': { access: 'signed-in' },
  'GET /api/teams/{id}': { access: 'signed-in' },
  'POST /api/teams': { access: WRITERS },
  'PATCH /api/teams/{id}': { access: WRITERS },
  'GET /api/conversations': { access: 'signed-in' },
  'POST /api/conversations/assign': { access: SUPERVISORS, body: () => ({ ids: [randomUUID()], assigneeId: null }) },
  'GET /api/conversations/{id}': { access: 'signed-in' },
  'PATCH /api/conversations/{id}': { access: 'signed-in' },
  'GET /api/conversations/{id}/metrics': { access: 'signed-in' },
  'GET /api/conversations/{id}/send-check': { access: 'signed-in' },
  'GET /api/conversations/{id}/messages': { access: 'signed-in' },
  'POST /api/conversations/{id}/messages': { access: 'signed-in' },
  'POST /api/conversations/{id}/assign': { access: 'signed-in' },
  'GET /api/conversations/{id}/assignments': { access: 'signed-in' },
  'POST /api/conversations/{id}/read': { access: 'signed-in' },
  'POST /api/conversations/{id}/status': { access: 'signed-in' },
  'POST /api/conversations/{id}/follow-ups': { access: 'signed-in' },
  'GET /api/follow-ups': { access: SUPERVISORS, query: '?assignee=all' },
  'DELETE /api/follow-ups/{id}': { access: 'signed-in' },
  'GET /api/customers': { access: 'signed-in' },
  'GET /api/customers/{id}': { access: 'signed-in' },
  'PATCH /api/customers/{id}': { access: 'signed-in' },
  'GET /api/customers/{id}/merge-suggestions': { access: 'signed-in' },
  'POST /api/customers/{id}/merge': { access: 'signed-in' },
  'POST /api/customers/{id}/split': { access: 'signed-in' },
  'GET /api/customers/{id}/export': { access: MANAGE_DATA },
  'POST /api/customers/{id}/erase': { access: MANAGE_DATA },
  'GET /api/canned-responses': { access: 'signed-in' },
  'GET /api/canned-responses/{id}': { access: 'signed-in' },
  'POST /api/canned-responses': { access: WRITERS },
  'PATCH /api/canned-responses/{id}': { access: WRITERS },
  'DELETE /api/canned-responses/{id}': { access: WRITERS },
  'GET /api/sla-policies': { access: SUPERVISORS },
  'GET /api/sla-policies/{id}': { access: SUPERVISORS },
  'POST /api/sla-policies': { access: WRITERS },
  'PATCH /api/sla-policies/{id}': { access: WRITERS },
  'DELETE /api/sla-policies/{id}': { access: WRITERS },
  'GET /api/metrics/response-times': { access: SUPERVISORS },
  'GET /api/metrics/volume': { access: SUPERVISORS },
  'GET /api/channels': { access: ['admin', 'manager', 'lead'] },
  'GET /api/channels/{id}': { access: ['admin', 'manager', 'lead'] },
  'POST /api/channels': { access: ['admin'] },
  'PATCH /api/channels/{id}': { access: ['admin'] },
  'DELETE /api/channels/{id}': { access: ['admin'] },
  'GET /api/dead-letters': { access: ['admin'] },
  'POST /api/dead-letters/{id}/retry': { access: ['admin'] },
  'GET /api/audit': { access: ['admin'] },
  'GET /metrics': { access: 'public', undocumented: true },
  'POST /webhooks/api/{channelKey}': { access: 'platform', undocumented: true },
  'GET /webhooks/meta': { access: 'public', undocumented: true },
  'POST /webhooks/meta': { access: 'platform', undocumented: true },
  'GET /webhooks/whatsapp': { access: 'public', undocumented: true },
  'POST /webhooks/whatsapp': { access: 'platform', undocumented: true },
  'GET /webhooks/x': { access: 'public', undocumented: true },
  'POST /webhooks/x': { access: 'platform', undocumented: true },
  'POST /webhooks/telegram/{secret}': { access: 'platform', undocumented: true },
};

const ROLES: Role[] = ['agent', 'lead', 'manager', 'admin'];

function allows(access: Access, role: Role): boolean {
  return access === 'public' || access === 'platform' || access === 'signed-in' || access.includes(role);
}

/** Calls a route as the document names it, with fresh ids: no real record is touched. Any body, JSON or not. */
async function call(baseUrl: string, token: string | undefined, route: string, rule: RouteRule): Promise<{ status: number; body: unknown }> {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(/\{[^}]+\}/g, () => randomUUID()) + (rule.query ?? '');
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: JSON.stringify(rule.body ? rule.body() : {}) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Prometheus text, a webhook challenge: kept as text.
  }
  return { status: response.status, body };
}

describe('who may do what: every route for every role, and teams fenced apart', () => {
  let ctx: Awaited<ReturnType<typeof startAppWithDatabase>>;
  const api = {} as Record<Role, Api>;
  const tokens = {} as Record<Role, string>;
  let careConversation: Conversation;
  let billingConversation: Conversation;
  let billingTeamId: string;
  /** Billing team's own people, to show they do hear their team. */
  let billingAgent: { api: Api; token: string; user: User };
  let billingLead: { api: Api; token: string; user: User };
  let routes: string[];

  beforeAll(async () => {
    ctx = await startAppWithDatabase();
    for (const role of ROLES) {
      const email = role === 'agent' ? 'agent1@rapport.test' : `${role}@rapport.test`;
      tokens[role] = (await login(ctx.app.baseUrl, email)).accessToken;
      api[role] = client(ctx.app.baseUrl, tokens[role]);
    }
    const team = await ctx.db.query<{ id: string }>("INSERT INTO teams (name) VALUES ('Billing') RETURNING id");
    billingTeamId = team.rows[0]!.id;
    const channel = await api.admin.post('/api/channels', { kind: 'api', name: 'Billing API', teamId: billingTeamId, config: { key: 'billing', secret: 'billing-secret' } });
    expect(channel.status).toBe(201);
    const made = async (role: Role, email: string) => {
      const created = await api.admin.post<User>('/api/users', { email, name: `Billing ${role}`, role, password: 'billing-password', teamIds: [billingTeamId] });
      expect(created.status).toBe(201);
      const session = await client(ctx.app.baseUrl).post<{ accessToken: string; user: User }>('/api/auth/login', { email, password: 'billing-password' });
      return { api: client(ctx.app.baseUrl, session.body.accessToken), token: session.body.accessToken, user: session.body.user };
    };
    billingAgent = await made('agent', 'billing-agent@rapport.test');
    billingLead = await made('lead', 'billing-lead@rapport.test');

    expect((await postApiMessage(ctx.app.baseUrl, { id: 'rbac-care-1', from: { id: 'care-customer', name: 'Carla Care' }, text: 'Where is my parcel?' })).status).toBe(200);
    careConversation = (await api.manager.get<Conversation>(`/api/conversations/${(await storedMessage(ctx.db, 'rbac-care-1')).conversationId}`)).body;
    expect((await postApiMessage(ctx.app.baseUrl, { id: 'rbac-billing-1', from: { id: 'billing-customer', name: 'Bill Payer' }, text: 'My invoice is wrong' }, { key: 'billing', secret: 'billing-secret' })).status).toBe(200);
    billingConversation = (await api.manager.get<Conversation>(`/api/conversations/${(await storedMessage(ctx.db, 'rbac-billing-1')).conversationId}`)).body;
    expect(billingConversation.teamId).toBe(billingTeamId);
    expect(careConversation.teamId).not.toBe(billingTeamId);

    const document = await client(ctx.app.baseUrl).get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    routes = Object.entries(document.body.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
  }, 60_000);

  afterAll(async () => {
    await ctx?.close();
  });

  it('names who may call every route the API documents', () => {
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !(route in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((route) => !routes.includes(route) && !RULES[route]!.undocumented)).toEqual([]);
  });

  it('refuses every route but the public ones without a token (401)', async () => {
    const refused: string[] = [];
    for (const [route, rule] of Object.entries(RULES)) {
      const { status, body } = await call(ctx.app.baseUrl, undefined, route, rule);
      const reason = String((body as { message?: unknown } | null)?.message ?? body);
      if (rule.access === 'platform') {
        // No bearer token asked for: the platform's signature (or secret path) is checked instead.
        if (status < 400 || status >= 500 || /bearer/i.test(reason)) refused.push(`${route} unsigned → ${status} ${reason}`);
      } else if ((rule.access === 'public') !== (status !== 401)) refused.push(`${route} → ${status}`);
    }
    expect(refused).toEqual([]);
  });

  it.each(ROLES)('lets %s call exactly the routes of their role (others 403 with a reason)', async (role) => {
    const wrong: string[] = [];
    for (const [route, rule] of Object.entries(RULES)) {
      if (rule.access === 'public' || rule.access === 'platform') continue;
      const { status, body } = await call(ctx.app.baseUrl, tokens[role], route, rule);
      const allowed = allows(rule.access, role);
      if (allowed && (status === 401 || status === 403)) wrong.push(`${route}: refused with ${status}`);
      if (!allowed && status !== 403) wrong.push(`${route}: answered ${status}, expected 403`);
      if (!allowed && typeof (body as { message?: unknown } | null)?.message !== 'string') wrong.push(`${route}: 403 without a reason`);
      if (status >= 500) wrong.push(`${route}: ${status}`);
    }
    expect(wrong).toEqual([]);
  });

  /** Everything one can do to a conversation, as a real client would ask. */
  const conversationRequests = (c: Conversation): Array<[string, (a: Api) => Promise<{ status: number }>]> => [
    ['open it', (a) => a.get(`/api/conversations/${c.id}`)],
    ['read its messages', (a) => a.get(`/api/conversations/${c.id}/messages`)],
    ['read its clocks', (a) => a.get(`/api/conversations/${c.id}/metrics`)],
    ['check sending', (a) => a.get(`/api/conversations/${c.id}/send-check`)],
    ['read its assignments', (a) => a.get(`/api/conversations/${c.id}/assignments`)],
    ['list its follow-ups', (a) => a.get(`/api/follow-ups?conversationId=${c.id}`)],
    ['open its customer', (a) => a.get(`/api/customers/${c.customerId}`)],
    ['reply', (a) => a.post(`/api/conversations/${c.id}/messages`, { text: 'Hello from another team', clientId: randomUUID() })],
    ['add a note', (a) => a.post(`/api/conversations/${c.id}/messages`, { text: 'A note', private: true, clientId: randomUUID() })],
    ['tag it', (a) => a.patch(`/api/conversations/${c.id}`, { tags: ['fenced'] })],
    ['mark it read', (a) => a.post(`/api/conversations/${c.id}/read`, {})],
    ['set a follow-up', (a) => a.post(`/api/conversations/${c.id}/follow-ups`, { dueAt: new Date(Date.now() + 86_400_000).toISOString(), note: 'Check back' })],
    ['resolve it', (a) => a.post(`/api/conversations/${c.id}/status`, { status: 'resolved' })],
    ['take it', (a) => a.post(`/api/conversations/${c.id}/assign`, { assigneeId: null })],
    ['edit its customer', (a) => a.patch(`/api/customers/${c.customerId}`, { tags: ['fenced'] })],
  ];

  it.each<[string, () => Api]>([
    ['an agent of another team', () => api.agent],
    ['a lead of another team', () => api.lead],
  ])('refuses %s everything about a Billing conversation with 403, and changes nothing', async (_who, caller) => {
    const before = (await api.manager.get<Conversation>(`/api/conversations/${billingConversation.id}`)).body;
    const answers = [];
    for (const [what, request] of conversationRequests(billingConversation)) answers.push([what, (await request(caller())).status]);
    expect(answers).toEqual(conversationRequests(billingConversation).map(([what]) => [what, 403]));
    const listed = await caller().get<{ items: Conversation[] }>('/api/conversations?limit=100');
    expect(listed.body.items.map((c) => c.id)).not.toContain(billingConversation.id);
    expect((await caller().get<{ items: Conversation[] }>('/api/conversations?q=invoice')).body.items).toEqual([]);
    const after = (await api.manager.get<Conversation>(`/api/conversations/${billingConversation.id}`)).body;
    expect(after).toMatchObject({ status: before.status, assigneeId: before.assigneeId, tags: before.tags });
    expect((await ctx.db.query("SELECT count(*)::int AS n FROM messages WHERE conversation_id = $1 AND direction = 'outbound'", [billingConversation.id])).rows[0].n).toBe(0);
  });

  it('lets the Billing team, managers and admins open it, and an unknown conversation is 404', async () => {
    for (const who of [billingAgent.api, billingLead.api, api.manager, api.admin]) {
      expect((await who.get(`/api/conversations/${billingConversation.id}`)).status).toBe(200);
      expect((await who.get(`/api/conversations/${billingConversation.id}/messages`)).status).toBe(200);
      expect((await who.get(`/api/customers/${billingConversation.customerId}`)).status).toBe(200);
    }
    expect((await billingAgent.api.get(`/api/conversations/${careConversation.id}`)).status).toBe(403);
    expect((await api.agent.get(`/api/conversations/${randomUUID()}`)).status).toBe(404);
  });

  it('keeps the socket silent about another team: live, in the sync replay, and when asking to view it', async () => {
    const socketTokens = {
      careAgent: (await login(ctx.app.baseUrl, 'agent2@rapport.test')).accessToken,
      careLead: (await login(ctx.app.baseUrl, 'lead@rapport.test')).accessToken,
      manager: (await login(ctx.app.baseUrl, 'manager@rapport.test')).accessToken,
    };
    const sockets: Record<string, TestSocket> = {
      careAgent: await connectSocket(ctx.app.baseUrl, socketTokens.careAgent),
      careLead: await connectSocket(ctx.app.baseUrl, socketTokens.careLead),
      manager: await connectSocket(ctx.app.baseUrl, socketTokens.manager),
      billingAgent: await connectSocket(ctx.app.baseUrl, billingAgent.token),
      billingLead: await connectSocket(ctx.app.baseUrl, billingLead.token),
    };
    try {
      const heard = Object.fromEntries(Object.entries(sockets).map(([who, socket]) => [who, recordEvents(socket)]));
      const startSeq = (await sync(sockets.manager!, 0)).latestSeq;
      // What each heard about a conversation since the start (routing may have assigned Carla's on connect).
      const about = (who: string, id: string) =>
        heard[who]!.filter((e) => e.payload.seq > startSeq && (e.payload.conversationId === id || (e.payload.conversation as { id?: string } | undefined)?.id === id));

      // A Billing message, then a Care one: once the Care one has reached the Care sockets, the Billing one would have too.
      expect((await postApiMessage(ctx.app.baseUrl, { id: 'rbac-billing-2', from: { id: 'billing-customer', name: 'Bill Payer' }, text: 'Still wrong' }, { key: 'billing', secret: 'billing-secret' })).status).toBe(200);
      await storedMessage(ctx.db, 'rbac-billing-2');
      await eventually(() => about('billingAgent', billingConversation.id).length > 0 && about('billingLead', billingConversation.id).length > 0 && about('manager', billingConversation.id).length > 0, 10_000, 'the Billing team and the manager to hear it');
      expect((await postApiMessage(ctx.app.baseUrl, { id: 'rbac-care-2', from: { id: 'care-customer', name: 'Carla Care' }, text: 'Any news?' })).status).toBe(200);
      await eventually(() => about('careAgent', careConversation.id).length > 0 && about('careLead', careConversation.id).length > 0, 10_000, 'the Care team to hear its own');
      expect(about('careAgent', billingConversation.id)).toEqual([]);
      expect(about('careLead', billingConversation.id)).toEqual([]);
      expect(about('billingAgent', careConversation.id)).toEqual([]);

      // Nor does a reconnect replay it.
      for (const who of ['careAgent', 'careLead'] as const) {
        const replay = await sync(sockets[who]!, startSeq);
        expect(replay.events.filter((e) => JSON.stringify(e.payload).includes(billingConversation.id))).toEqual([]);
        expect(replay.events.some((e) => JSON.stringify(e.payload).includes(careConversation.id))).toBe(true);
      }
      const billingReplay = await sync(sockets.billingLead!, startSeq);
      expect(billingReplay.events.some((e) => JSON.stringify(e.payload).includes(billingConversation.id))).toBe(true);

      // Asking to view it joins no room.
      expect(await sockets.careAgent!.emitWithAck('view', { conversationId: billingConversation.id })).toMatchObject({ ok: false });
      expect(await sockets.careLead!.emitWithAck('view', { conversationId: billingConversation.id })).toMatchObject({ ok: false });
      await sockets.billingAgent!.emitWithAck('view', { conversationId: billingConversation.id });
      sockets.billingAgent!.emit('typing', { conversationId: billingConversation.id });
      await eventually(() => heard.manager!.some((e) => e.type === 'conversation.typing' && e.payload.conversationId === billingConversation.id), 5000, 'the manager to see the typing');
      expect(heard.careAgent!.filter((e) => e.type === 'conversation.typing' || e.type === 'conversation.viewers')).toEqual([]);
    } finally {
      for (const socket of Object.values(sockets)) socket.disconnect();
    }
  }, 60_000);
});
