import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Agent, Conversation, LoginResponse, Page } from '@rapport/shared';
import { client, eventually, login, postApiMessage, startTestApp, type TestApp } from './support/test-app.js';

const MINUTE = 60_000;

describe('agents: how long their oldest customer has waited', () => {
  let app: TestApp;
  let lead: ReturnType<typeof client>;
  let agents: LoginResponse[];
  let sequence = 0;

  /** A customer message sent `minutesAgo` (the clock starts at the customer's own time), waiting unassigned: nobody is online. */
  async function customerWrote(minutesAgo: number): Promise<Conversation> {
    const customer = `waiting-${++sequence}`;
    const timestamp = new Date(Date.now() - minutesAgo * MINUTE).toISOString();
    expect((await postApiMessage(app.baseUrl, { id: `waiting-msg-${sequence}`, from: { id: customer, name: customer }, text: 'Hello?', timestamp })).status).toBe(200);
    return eventually(async () => (await lead.get<Page<Conversation>>(`/api/conversations?q=${customer}`)).body.items.find((c) => c.customer.handle === customer), 10000, `conversation of ${customer}`);
  }

  async function assign(conversation: Conversation, agent: LoginResponse): Promise<void> {
    expect((await lead.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent.user.id })).status).toBe(200);
  }

  async function oldestWaiting(): Promise<Map<string, string | null>> {
    const listed = await lead.get<Agent[]>('/api/agents');
    expect(listed.status).toBe(200);
    return new Map(listed.body.map((a) => [a.id, a.oldestWaitingSince]));
  }

  beforeAll(async () => {
    app = await startTestApp();
    lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
    agents = await Promise.all([1, 2, 3].map((n) => login(app.baseUrl, `agent${n}@rapport.test`)));
  });

  afterAll(async () => {
    await app.close();
  });

  it('gives each agent the waiting time of their longest-waiting open conversation, and null when nobody waits on them', async () => {
    const [agent1, agent2, agent3] = agents as [LoginResponse, LoginResponse, LoginResponse];
    const thirtyAgo = await customerWrote(30);
    const tenAgo = await customerWrote(10);
    const pendingFiftyAgo = await customerWrote(50);
    // The wait starts at the customer's own message time, so the backdated messages order the waits.
    expect(Date.now() - Date.parse(thirtyAgo.waitingSince!)).toBeGreaterThan(29 * MINUTE);
    const answered = await customerWrote(40);
    for (const c of [thirtyAgo, tenAgo, pendingFiftyAgo]) await assign(c, agent1);
    await assign(answered, agent2);
    // Pending conversations do not count as waiting on the agent, and an answered one waits on nobody.
    expect((await lead.post(`/api/conversations/${pendingFiftyAgo.id}/status`, { status: 'pending' })).status).toBe(200);
    expect((await client(app.baseUrl, agent2.accessToken).post(`/api/conversations/${answered.id}/messages`, { text: 'On it!' })).status).toBe(201);

    const since = await oldestWaiting();
    expect(Date.parse(since.get(agent1.user.id) ?? '')).toBe(Date.parse(thirtyAgo.waitingSince!));
    expect(since.get(agent2.user.id)).toBeNull();
    expect(since.get(agent3.user.id)).toBeNull();

    // Resolving the oldest leaves the next one as the longest wait.
    expect((await lead.post(`/api/conversations/${thirtyAgo.id}/status`, { status: 'resolved' })).status).toBe(200);
    expect(Date.parse((await oldestWaiting()).get(agent1.user.id) ?? '')).toBe(Date.parse(tenAgo.waitingSince!));
  });
});
