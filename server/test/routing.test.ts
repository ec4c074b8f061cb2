import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Agent, Assignment, Conversation, ConversationAssignedEvent, LoginResponse, Page, Team } from '@rapport/shared';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startExtraWorker, startTestApp, type TestApp, type TestSocket } from './support/test-app.js';

const CAPACITY = 3;

describe('routing: the right agent, fairly, at once', () => {
  let app: TestApp;
  let lead: LoginResponse;
  let agents: LoginResponse[];
  const sockets = new Map<string, TestSocket>();
  let sequence = 0;

  const asLead = () => client(app.baseUrl, lead.accessToken);
  const agentNamed = (n: number) => agents[n - 1]!;

  async function customerWrites(text: string, customer = `cust-${++sequence}`): Promise<string> {
    const response = await postApiMessage(app.baseUrl, { id: `msg-${++sequence}`, from: { id: customer, name: customer }, text });
    expect(response.status).toBe(200);
    return customer;
  }

  async function conversationOf(customer: string): Promise<Conversation> {
    return eventually(async () => (await asLead().get<Page<Conversation>>(`/api/conversations?q=${customer}`)).body.items.find((c) => c.customer.handle === customer), 10000, `conversation of ${customer}`);
  }

  async function routed(customer: string): Promise<Conversation> {
    return eventually(async () => {
      const conversation = await conversationOf(customer);
      return conversation.assigneeId ? conversation : undefined;
    }, 10000, `${customer} to be routed`);
  }

  async function agentsNow(): Promise<Agent[]> {
    return (await asLead().get<Agent[]>('/api/agents')).body.filter((a) => a.role === 'agent');
  }

  async function resolveEverything(): Promise<void> {
    const open = await asLead().get<Page<Conversation>>('/api/conversations?status=open&limit=100');
    for (const c of open.body.items) await asLead().post(`/api/conversations/${c.id}/status`, { status: 'resolved' });
  }

  async function setAgent(n: number, body: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${app.baseUrl}/api/agents/${agentNamed(n).user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.accessToken}` },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
  }

  async function connect(n: number): Promise<TestSocket> {
    const socket = await connectSocket(app.baseUrl, agentNamed(n).accessToken);
    sockets.set(agentNamed(n).user.id, socket);
    return socket;
  }

  beforeAll(async () => {
    app = await startTestApp({ ROUTING_OFFLINE_GRACE_SECONDS: '1' });
    lead = await login(app.baseUrl, 'lead@rapport.test');
    agents = await Promise.all([1, 2, 3, 4].map((n) => login(app.baseUrl, `agent${n}@rapport.test`)));
    for (const n of [1, 2, 3, 4]) await setAgent(n, { capacity: CAPACITY, languages: ['en'], skills: [] });
    for (const n of [1, 2, 3, 4]) await connect(n);
  });

  afterAll(async () => {
    for (const socket of sockets.values()) socket.disconnect();
    await new Promise((r) => setTimeout(r, 100));
    await app.close();
  });

  it('spreads a burst evenly, never over capacity, and lets the rest wait', async () => {
    const customers: string[] = [];
    for (let i = 0; i < 12; i++) customers.push(await customerWrites(`Hello, question number ${i} about my order`));
    await eventually(async () => (await agentsNow()).every((a) => a.openCount === CAPACITY), 15000, 'every agent to be full');

    for (let i = 0; i < 3; i++) customers.push(await customerWrites(`Another calm question, number ${i}`));
    const furious = await customerWrites('THIS IS UNACCEPTABLE!!! I WANT MY REFUND RIGHT NOW, URGENT!!!');
    const team = await eventually(async () => (await asLead().get<Team[]>('/api/teams')).body.find((t) => t.waitingCount === 4), 10000, 'four waiting');
    expect(team.name).toBe('Care');
    expect((await agentsNow()).map((a) => a.openCount)).toEqual([CAPACITY, CAPACITY, CAPACITY, CAPACITY]);
    const furiousConversation = await conversationOf(furious);
    expect(furiousConversation.assigneeId).toBeNull();
    expect(['high', 'urgent']).toContain(furiousConversation.priority);

    // A freed slot goes to the most urgent waiting conversation, not the oldest.
    const agent2Conversation = (await asLead().get<Page<Conversation>>(`/api/conversations?assignee=${agentNamed(2).user.id}&status=open`)).body.items[0]!;
    expect((await asLead().post(`/api/conversations/${agent2Conversation.id}/status`, { status: 'resolved' })).status).toBe(200);
    const served = await routed(furious);
    expect(served.assigneeId).toBe(agentNamed(2).user.id);
    await resolveEverything();
  });

  it('sends a Spanish message to the agent who speaks Spanish', async () => {
    await setAgent(3, { languages: ['en', 'es'] });
    const customer = await customerWrites('Hola, mi pedido llegó roto y nadie me responde. Quiero que me devuelvan el dinero, por favor.');
    const conversation = await routed(customer);
    expect(conversation.language).toBe('es');
    expect(conversation.assigneeId).toBe(agentNamed(3).user.id);
    await setAgent(3, { languages: ['en'] });
    await resolveEverything();
  });

  it('sends a conversation to the agent whose skills match its topic', async () => {
    await setAgent(4, { skills: ['billing'] });
    const customer = await customerWrites('I was charged twice for the same invoice this month');
    const conversation = await routed(customer);
    expect(conversation.tags).toContain('billing');
    expect(conversation.assigneeId).toBe(agentNamed(4).user.id);
    await setAgent(4, { skills: [] });
    await resolveEverything();
  });

  it('ranks a VIP customer first, and only supervisors may make someone VIP', async () => {
    const customer = await customerWrites('Quick question about opening hours');
    const calm = await conversationOf(customer);
    expect(calm.priority).toBe('normal');
    const byAgent = await fetch(`${app.baseUrl}/api/customers/${calm.customerId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentNamed(1).accessToken}` },
      body: JSON.stringify({ tier: 'vip' }),
    });
    expect(byAgent.status).toBe(403);
    const byLead = await fetch(`${app.baseUrl}/api/customers/${calm.customerId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${lead.accessToken}` },
      body: JSON.stringify({ tier: 'vip', notes: 'Long-time member' }),
    });
    expect(byLead.status).toBe(200);
    expect(await byLead.json()).toMatchObject({ tier: 'vip', notes: 'Long-time member' });
    // The open conversation moves up the queue at once, not only at the customer's next message.
    const promoted = (await asLead().get<Conversation>(`/api/conversations/${calm.id}`)).body;
    expect(promoted.prioritySignals).toContain('VIP customer');
    expect(['high', 'urgent']).toContain(promoted.priority);
    await asLead().post(`/api/conversations/${calm.id}/status`, { status: 'resolved' });
    await customerWrites('Another quick question about opening hours', customer);
    const vip = await eventually(async () => (await asLead().get<Page<Conversation>>(`/api/conversations?q=${customer}&status=open`)).body.items.find((c) => c.customer.handle === customer && c.id !== calm.id), 10000, 'the VIP conversation');
    expect(vip.customer.tier).toBe('vip');
    expect(['high', 'urgent']).toContain(vip.priority);
    expect(vip.prioritySignals).toContain('VIP customer');
    await resolveEverything();
  });

  it('gives a returning customer back to the agent who helped them last', async () => {
    const customer = await customerWrites('My password reset email never arrives');
    const first = await routed(customer);
    const helper = first.assigneeId!;
    await asLead().post(`/api/conversations/${first.id}/status`, { status: 'resolved' });
    // Their helper is now the busiest agent: least-loaded alone would pick someone else.
    for (let i = 0; i < 2; i++) {
      const other = await conversationOf(await customerWrites(`Filler question ${i} for the helper`));
      await asLead().post(`/api/conversations/${other.id}/assign`, { assigneeId: helper });
    }
    await customerWrites('Me again: the reset link still does not work', customer);
    const second = await eventually(async () => {
      const list = (await asLead().get<Page<Conversation>>(`/api/conversations?q=${customer}&status=open`)).body.items;
      // The search also finds other handles that start the same (cust-3 → cust-31): this customer's only.
      return list.find((c) => c.customer.handle === customer && c.id !== first.id && c.assigneeId);
    }, 10000, 'the second conversation to be routed');
    expect(second.assigneeId).toBe(helper);
    const history = (await asLead().get<{ items: Assignment[] }>(`/api/conversations/${second.id}/assignments`)).body.items;
    expect(history.map((h) => h.reason)).toEqual(['sticky']);
    await resolveEverything();
  });

  it('tells both agents when a lead reassigns, and keeps the history', async () => {
    const heard = new Map(agents.map((a) => [a.user.id, recordEvents(sockets.get(a.user.id)!)]));
    const conversation = await routed(await customerWrites('Please move me around'));
    const from = conversation.assigneeId!;
    const to = agents.map((a) => a.user.id).find((id) => id !== from)!;
    const moved = await asLead().post<Conversation>(`/api/conversations/${conversation.id}/assign`, { assigneeId: to });
    expect(moved.status).toBe(200);
    expect(moved.body.assigneeId).toBe(to);
    const isMove = (e: { type: string; payload: Record<string, unknown> }) => {
      const p = e.payload as unknown as ConversationAssignedEvent;
      return e.type === 'conversation.assigned' && p.conversation.id === conversation.id && p.assigneeId === to && p.previousAssigneeId === from;
    };
    await eventually(() => heard.get(from)!.some(isMove), 5000, 'the previous owner to hear it');
    await eventually(() => heard.get(to)!.some(isMove), 5000, 'the new owner to hear it');
    const history = (await asLead().get<{ items: Assignment[] }>(`/api/conversations/${conversation.id}/assignments`)).body.items;
    expect(history.map((h) => [h.fromUserId, h.toUserId, h.reason, h.byUserId])).toEqual([
      [null, from, 'auto', null],
      [from, to, 'manual', lead.user.id],
    ]);
    await resolveEverything();
  });

  it('does not let an agent take a colleague’s conversation', async () => {
    const conversation = await conversationOf(await customerWrites('Who is mine?'));
    await asLead().post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agentNamed(1).user.id });
    const grab = await client(app.baseUrl, agentNamed(2).accessToken).post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agentNamed(2).user.id });
    expect(grab.status).toBe(403);
    const reply = await client(app.baseUrl, agentNamed(2).accessToken).post(`/api/conversations/${conversation.id}/messages`, { text: 'I will take this' });
    expect(reply.status).toBe(403);
    await resolveEverything();
  });

  it('re-routes an agent’s unanswered work after they stay disconnected past the grace period', async () => {
    const conversation = await conversationOf(await customerWrites('Anyone there? I need help with a refund'));
    await asLead().post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agentNamed(3).user.id });
    sockets.get(agentNamed(3).user.id)!.disconnect();
    sockets.delete(agentNamed(3).user.id);
    const rerouted = await eventually(async () => {
      const now = (await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body;
      return now.assigneeId && now.assigneeId !== agentNamed(3).user.id ? now : undefined;
    }, 10000, 're-routing after the grace period');
    expect([1, 2, 4].map((n) => agentNamed(n).user.id)).toContain(rerouted.assigneeId);
    const history = (await asLead().get<{ items: Assignment[] }>(`/api/conversations/${conversation.id}/assignments`)).body.items;
    expect(history.at(-1)).toMatchObject({ fromUserId: agentNamed(3).user.id, toUserId: rerouted.assigneeId, reason: 'offline' });
    expect((await agentsNow()).find((a) => a.id === agentNamed(3).user.id)?.presence).toBe('offline');
    await connect(3);
    await resolveEverything();
  });

  it('stays correct with two worker processes routing a burst at once', async () => {
    const second = await startExtraWorker(app);
    try {
      const customers: string[] = [];
      await Promise.all(Array.from({ length: 20 }, (_, i) => customerWrites(`Concurrent burst message ${i}`).then((c) => customers.push(c))));
      await eventually(async () => (await agentsNow()).every((a) => a.openCount === CAPACITY), 15000, 'every agent to be full');
      await new Promise((r) => setTimeout(r, 500));
      expect((await agentsNow()).map((a) => a.openCount)).toEqual([CAPACITY, CAPACITY, CAPACITY, CAPACITY]);
      const db = new pg.Client({ connectionString: app.config.DATABASE_URL });
      await db.connect();
      try {
        const twice = await db.query("SELECT conversation_id FROM assignments WHERE reason IN ('auto', 'sticky') GROUP BY conversation_id HAVING count(*) > 1");
        expect(twice.rows).toEqual([]);
        const waiting = await db.query("SELECT count(*)::int AS n FROM conversations WHERE assignee_id IS NULL AND status = 'open'");
        expect(waiting.rows[0].n).toBe(20 - 4 * CAPACITY);
      } finally {
        await db.end();
      }
    } finally {
      await second.close();
    }
  });
});
