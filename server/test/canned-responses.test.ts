import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fillCannedResponse, type ApiError, type CannedResponse, type Channel, type Conversation, type Message, type Page, type Team, type User } from '@rapport/shared';
import { startSimulator, type Simulator } from '../src/simulator/simulator.js';
import { SIMULATED_ACCOUNTS } from '../src/simulator/accounts.js';
import { API_SECRET, client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

const X_SECRET = 'x-consumer-secret-for-canned-tests';

describe('canned responses', () => {
  let app: TestApp;
  let sim: Simulator;
  let admin: ReturnType<typeof client>;
  let lead: ReturnType<typeof client>;
  let manager: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  let billingAgent: ReturnType<typeof client>;
  let careId: string;
  let billingId: string;

  const as = async (email: string, password?: string) => {
    if (!password) return client(app.baseUrl, (await login(app.baseUrl, email)).accessToken);
    const { body } = await client(app.baseUrl).post<{ accessToken: string }>('/api/auth/login', { email, password });
    return client(app.baseUrl, body.accessToken);
  };

  beforeAll(async () => {
    app = await startTestApp({ X_CONSUMER_SECRET: X_SECRET });
    sim = await startSimulator({ rapportUrl: app.baseUrl, secrets: { metaAppSecret: 'unused', xConsumerSecret: X_SECRET, apiChannelSecret: API_SECRET, apiChannelKey: 'demo' }, traffic: false });
    admin = await as('admin@rapport.test');
    lead = await as('lead@rapport.test');
    manager = await as('manager@rapport.test');
    agent = await as('agent1@rapport.test');
    careId = (await lead.get<{ teamIds: string[] }>('/api/auth/me')).body.teamIds[0]!;
    billingId = (await admin.post<Team>('/api/teams', { name: 'Billing' })).body.id;
    const created = await admin.post('/api/users', { email: 'billing-agent@rapport.test', name: 'Bo Billing', role: 'agent', password: 'billing-password', teamIds: [billingId] });
    expect(created.status).toBe(201);
    billingAgent = await as('billing-agent@rapport.test', 'billing-password');
  });

  afterAll(async () => {
    await sim?.close();
    await app?.close();
  });

  it('lets an admin write one for every team and a lead one for their team; changes and deletes it', async () => {
    const everyTeam = await admin.post<CannedResponse>('/api/canned-responses', { shortcut: 'thanks', title: 'Thanks for waiting', body: 'Thanks for waiting, {{customer.firstName}}.' });
    expect(everyTeam.status).toBe(201);
    expect(everyTeam.body).toMatchObject({ shortcut: 'thanks', teamId: null, language: null });

    // Shortcuts are stored as the slug, whatever the case or a leading slash.
    const mine = await lead.post<CannedResponse>('/api/canned-responses', { shortcut: '/Refund-Late', title: 'Refund for a late parcel', body: 'We refund the shipping.', teamId: careId, language: 'en' });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ shortcut: 'refund-late', teamId: careId, language: 'en' });

    const changed = await lead.patch<CannedResponse>(`/api/canned-responses/${mine.body.id}`, { title: 'Late parcel: refund', language: null });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ title: 'Late parcel: refund', language: null, shortcut: 'refund-late' });
    expect((await agent.get<CannedResponse>(`/api/canned-responses/${mine.body.id}`)).body.title).toBe('Late parcel: refund');

    expect((await lead.delete(`/api/canned-responses/${mine.body.id}`)).status).toBe(204);
    expect((await lead.get(`/api/canned-responses/${mine.body.id}`)).status).toBe(404);
  });

  it('keeps agents, managers and other teams out of writing', async () => {
    const body = { shortcut: 'nope', title: 'Nope', body: 'Nope' };
    expect((await agent.post('/api/canned-responses', { ...body, teamId: careId })).status).toBe(403);
    expect((await manager.post('/api/canned-responses', body)).status).toBe(403);
    const everyTeam = await lead.post<ApiError>('/api/canned-responses', body);
    expect(everyTeam.status).toBe(403);
    expect(everyTeam.body.message).toMatch(/Only admins/);
    const otherTeam = await lead.post<ApiError>('/api/canned-responses', { ...body, teamId: billingId });
    expect(otherTeam.status).toBe(403);
    expect(otherTeam.body.message).toMatch(/other teams/);

    const global = (await admin.post<CannedResponse>('/api/canned-responses', { shortcut: 'hello', title: 'Hello', body: 'Hello!' })).body;
    expect((await lead.patch(`/api/canned-responses/${global.id}`, { title: 'Mine now' })).status).toBe(403);
    expect((await lead.delete(`/api/canned-responses/${global.id}`)).status).toBe(403);
    const own = (await lead.post<CannedResponse>('/api/canned-responses', { shortcut: 'own', title: 'Own', body: 'Own', teamId: careId })).body;
    expect((await lead.patch(`/api/canned-responses/${own.id}`, { teamId: billingId })).status).toBe(403);
    expect((await lead.patch(`/api/canned-responses/${own.id}`, { teamId: null })).status).toBe(403);
    expect((await agent.delete(`/api/canned-responses/${own.id}`)).status).toBe(403);
  });

  it("shows agents their teams' replies and the global ones, never another team's; managers all", async () => {
    const care = (await lead.post<CannedResponse>('/api/canned-responses', { shortcut: 'care-only', title: 'Care only', body: 'Care', teamId: careId })).body;
    const billing = (await admin.post<CannedResponse>('/api/canned-responses', { shortcut: 'billing-only', title: 'Billing only', body: 'Billing', teamId: billingId })).body;
    const shortcuts = async (who: ReturnType<typeof client>, query = '') => (await who.get<CannedResponse[]>(`/api/canned-responses${query}`)).body.map((r) => r.shortcut);

    const careAgent = await shortcuts(agent);
    expect(careAgent).toEqual(expect.arrayContaining(['care-only', 'thanks']));
    expect(careAgent).not.toContain('billing-only');
    const billingSees = await shortcuts(billingAgent);
    expect(billingSees).toEqual(expect.arrayContaining(['billing-only', 'thanks']));
    expect(billingSees).not.toContain('care-only');
    expect((await billingAgent.get(`/api/canned-responses/${care.id}`)).status).toBe(404);
    // Asking for another team's gives only the ones for every team.
    expect(await shortcuts(billingAgent, `?teamId=${careId}`)).not.toContain('care-only');

    expect(await shortcuts(manager)).toEqual(expect.arrayContaining(['care-only', 'billing-only', 'thanks']));
    const forBilling = await shortcuts(manager, `?teamId=${billingId}`);
    expect(forBilling).toEqual(expect.arrayContaining(['billing-only', 'thanks']));
    expect(forBilling).not.toContain('care-only');
    expect((await manager.get<CannedResponse>(`/api/canned-responses/${billing.id}`)).status).toBe(200);
  });

  it('searches by shortcut and title with ?q=', async () => {
    await lead.post('/api/canned-responses', { shortcut: 'where-is-it', title: 'Parcel tracking link', body: 'Track it here.', teamId: careId });
    expect((await agent.get<CannedResponse[]>('/api/canned-responses?q=where')).body.map((r) => r.shortcut)).toEqual(['where-is-it']);
    expect((await agent.get<CannedResponse[]>('/api/canned-responses?q=TRACKING')).body.map((r) => r.shortcut)).toEqual(['where-is-it']);
    expect((await agent.get<CannedResponse[]>('/api/canned-responses?q=/where')).body.map((r) => r.shortcut)).toEqual(['where-is-it']);
    expect((await agent.get<CannedResponse[]>('/api/canned-responses?q=%25')).body).toEqual([]);
  });

  it('answers a shortcut taken in the same scope with 409 and the reason; other scopes may reuse it', async () => {
    const first = await lead.post<CannedResponse>('/api/canned-responses', { shortcut: 'delay', title: 'Delay', body: 'Sorry for the delay.', teamId: careId });
    expect(first.status).toBe(201);
    const again = await lead.post<ApiError>('/api/canned-responses', { shortcut: 'DELAY', title: 'Delay again', body: 'Again', teamId: careId });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('The shortcut "/delay" is taken in this team (by "Delay"): pick another');
    expect((await admin.post('/api/canned-responses', { shortcut: 'delay', title: 'Billing delay', body: 'Billing', teamId: billingId })).status).toBe(201);
    expect((await admin.post('/api/canned-responses', { shortcut: 'delay', title: 'Everyone', body: 'Everyone' })).status).toBe(201);
    const globalAgain = await admin.post<ApiError>('/api/canned-responses', { shortcut: 'delay', title: 'Everyone again', body: 'Again' });
    expect(globalAgain.status).toBe(409);
    expect(globalAgain.body.message).toMatch(/taken among the replies for every team/);

    const other = (await lead.post<CannedResponse>('/api/canned-responses', { shortcut: 'delay-2', title: 'Delay 2', body: 'Two', teamId: careId })).body;
    expect((await lead.patch(`/api/canned-responses/${other.id}`, { shortcut: 'delay' })).status).toBe(409);
    // Saving a reply under its own shortcut is no conflict.
    expect((await lead.patch(`/api/canned-responses/${first.body.id}`, { shortcut: 'delay', body: 'Sorry, we are late.' })).status).toBe(200);
  });

  it('refuses a bad shortcut, language or team with 400 and the reason', async () => {
    const slug = await admin.post<ApiError>('/api/canned-responses', { shortcut: 'not a slug!', title: 'Bad', body: 'Bad' });
    expect(slug.status).toBe(400);
    expect(slug.body.message).toMatch(/shortcut is a lowercase slug/);
    const language = await admin.post<ApiError>('/api/canned-responses', { shortcut: 'lang', title: 'Lang', body: 'Lang', language: 'english' });
    expect(language.status).toBe(400);
    expect(language.body.message).toMatch(/ISO 639-1/);
    const team = await admin.post<ApiError>('/api/canned-responses', { shortcut: 'ghost', title: 'Ghost', body: 'Ghost', teamId: '00000000-0000-4000-8000-000000000000' });
    expect(team.status).toBe(400);
    expect(team.body.message).toMatch(/that team does not exist/);
    expect((await admin.post('/api/canned-responses', { shortcut: 'empty', title: 'Empty', body: '   ' })).status).toBe(400);
    expect((await agent.get('/api/canned-responses?teamId=care')).status).toBe(400);
    expect((await agent.get('/api/canned-responses/not-an-id')).status).toBe(400);
    // Postgres stores no NUL character: a 400 naming it, not a database error.
    const nul = await admin.post<ApiError>('/api/canned-responses', { shortcut: 'nul', title: 'Nul', body: 'a\u0000b' });
    expect([nul.status, nul.body.message]).toEqual([400, 'Text must not contain the NUL character (\\u0000)']);
    expect((await agent.get(`/api/canned-responses?q=${encodeURIComponent('a\u0000')}`)).status).toBe(400);
  });

  it('fills the variables the way the composer does, and the filled reply is sent as written', async () => {
    const reply = (
      await lead.post<CannedResponse>('/api/canned-responses', {
        shortcut: 'intro',
        title: 'Introduce yourself',
        body: 'Hi {{customer.firstName}}, {{agent.name}} here. Is {{customer.name}} the name on order {{order.id}}?',
        teamId: careId,
      })
    ).body;
    expect((await postApiMessage(app.baseUrl, { id: 'canned-1', from: { id: 'cust-canned', name: 'Grace Brewster Hopper' }, text: 'Where is my order?' })).status).toBe(200);
    const conversation = await eventually(async () => (await lead.get<Page<Conversation>>('/api/conversations?q=cust-canned')).body.items[0], 10000, 'the conversation');
    const me = (await lead.get<User>('/api/auth/me')).body;

    const text = fillCannedResponse(reply.body, { customer: { name: conversation.customer.name }, agent: { name: me.name } });
    expect(text).toBe('Hi Grace, Lee Tanaka here. Is Grace Brewster Hopper the name on order {{order.id}}?');
    const sent = await lead.post<Message>(`/api/conversations/${conversation.id}/messages`, { text });
    expect(sent.status).toBe(201);
    expect(sent.body.text).toBe(text);
    expect(fillCannedResponse(reply.body, { customer: { name: null }, agent: { name: me.name } })).toBe('Hi, Lee Tanaka here. Is the name on order {{order.id}}?');
  });

  it("refuses a public reply longer than the platform takes with 400 and the reason; private notes are not bound", async () => {
    const created = await admin.post<Channel>('/api/channels', { kind: 'x', name: 'X', teamId: careId, config: { ...SIMULATED_ACCOUNTS.x, pollIntervalSeconds: 1, apiBaseUrl: sim.url } });
    expect(created.status).toBe(201);
    await sim.customerSays('x', { customerId: 'x-long', name: 'Long Reader', handle: 'long_reader', text: 'Where is my parcel?', public: true });
    const conversation = await eventually(async () => (await lead.get<Page<Conversation>>('/api/conversations?channel=x&q=parcel')).body.items[0], 15000, 'the X conversation');
    expect(conversation.isPublic).toBe(true);

    const tooLong = await lead.post<ApiError>(`/api/conversations/${conversation.id}/messages`, { text: 'a'.repeat(281) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toBe('Too long for an X post: 281 of 280 characters (X counts a link as 23 and an emoji as 2). Shorten it by 1.');
    // X weighs a link as 23: 257 letters, a space and a short link make 281.
    expect((await lead.post(`/api/conversations/${conversation.id}/messages`, { text: `${'a'.repeat(257)} https://x.co` })).status).toBe(400);

    expect((await lead.post(`/api/conversations/${conversation.id}/messages`, { text: 'b'.repeat(281), private: true })).status).toBe(201);
    expect((await lead.post(`/api/conversations/${conversation.id}/messages`, { text: 'c'.repeat(280) })).status).toBe(201);
  });
});
