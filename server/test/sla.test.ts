import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Assignment, Conversation, LoginResponse, ResponseTimesReport, SlaBreachedEvent, SlaPolicy, Team } from '@rapport/shared';
import { QueueService } from '../src/core/queue.service.js';
import { jobIds, QueueName } from '../src/core/queues.js';
import { SlaTimersService } from '../src/modules/sla/sla-timers.service.js';
import { client, connectSocket, eventually, login, postApiMessage, startTestApp, type TestApp, type TestSocket } from './support/test-app.js';

const THRESHOLD_S = 60;
/** How late a breach may be pushed after its due time (a delayed job, not a sweep). */
const ON_TIME_MS = 2000;

describe('SLA policies that act', () => {
  let app: TestApp;
  let db: pg.Client;
  let lead: LoginResponse;
  let agents: LoginResponse[];
  let team: Team;
  const sockets: TestSocket[] = [];
  const breachesHeard = new Map<string, Array<{ event: SlaBreachedEvent; at: number }>>();
  let sequence = 0;

  const asLead = () => client(app.baseUrl, lead.accessToken);
  const asAgent = (id: string) => client(app.baseUrl, agents.find((a) => a.user.id === id)!.accessToken);
  const slaQueue = () => app.app.context.get(QueueService).queue(QueueName.Sla);

  /** A customer message stamped `secondsAgo` by the platform: its first-response clock started then. */
  async function customerWrote(secondsAgo: number): Promise<{ conversation: Conversation; sentAt: number }> {
    const customer = `sla-cust-${++sequence}`;
    const sentAt = Date.now() - secondsAgo * 1000;
    const response = await postApiMessage(app.baseUrl, { id: `sla-msg-${sequence}`, from: { id: customer, name: customer }, text: 'Where is my parcel?', timestamp: new Date(sentAt).toISOString() });
    expect(response.status).toBe(200);
    const conversation = await eventually(async () => {
      const { rows } = await db.query<{ id: string }>('SELECT c.id FROM conversations c JOIN customer_identities ci ON ci.id = c.identity_id WHERE ci.external_id = $1', [customer]);
      if (!rows[0]) return undefined;
      const loaded = (await asLead().get<Conversation>(`/api/conversations/${rows[0].id}`)).body;
      return loaded.sla && loaded.assigneeId ? loaded : undefined;
    }, 10_000, `the conversation of ${customer} with its SLA, routed`);
    return { conversation, sentAt };
  }

  const breachRows = async (conversationId: string) => (await db.query('SELECT metric FROM sla_breaches WHERE conversation_id = $1', [conversationId])).rows;
  const assignments = async (conversationId: string) => (await asLead().get<{ items: Assignment[] }>(`/api/conversations/${conversationId}/assignments`)).body.items;

  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    lead = await login(app.baseUrl, 'lead@rapport.test');
    // Two agents online; the other two stay offline, so routing and reassignment choose between these.
    agents = await Promise.all([1, 2].map((n) => login(app.baseUrl, `agent${n}@rapport.test`)));
    for (const who of [lead, ...agents]) {
      const socket = await connectSocket(app.baseUrl, who.accessToken);
      socket.on('sla.breached', (event) => breachesHeard.set(who.user.id, [...(breachesHeard.get(who.user.id) ?? []), { event, at: Date.now() }]));
      sockets.push(socket);
    }
    for (const a of agents) expect((await asLead().patch(`/api/agents/${a.user.id}`, { capacity: 20 })).status).toBe(200);
    team = (await asLead().get<Team[]>('/api/teams')).body.find((t) => t.name === 'Care')!;
    const policy = await asLead().post<SlaPolicy>('/api/sla-policies', { name: 'Care fast', teamId: team.id, firstResponseSeconds: THRESHOLD_S, nextReplySeconds: THRESHOLD_S, resolutionSeconds: 3600, businessHoursOnly: false });
    expect(policy.status).toBe(201);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await db?.end();
    await app?.close();
  });

  it('gives each open conversation its due times from the customer’s own clock, and a resolve cancels the timer', async () => {
    const { conversation, sentAt } = await customerWrote(10);
    expect(conversation.sla).toEqual({
      policyId: expect.any(String),
      firstResponseDueAt: new Date(sentAt + THRESHOLD_S * 1000).toISOString(),
      firstResponseSeconds: THRESHOLD_S,
      resolutionDueAt: new Date(sentAt + 3600 * 1000).toISOString(),
      resolutionSeconds: 3600,
      breaches: [],
    });
    expect(conversation.slaDeadline).toBe(conversation.sla!.firstResponseDueAt);
    const timer = jobIds.slaBreach(conversation.id, 'firstResponse', new Date(conversation.sla!.firstResponseDueAt!));
    expect(await slaQueue().getJob(timer)).toBeTruthy();

    const resolved = await asLead().post<Conversation>(`/api/conversations/${conversation.id}/status`, { status: 'resolved' });
    expect(resolved.body.sla).toEqual({ policyId: conversation.sla!.policyId, breaches: [] });
    expect(resolved.body.slaDeadline).toBeNull();
    await eventually(async () => (await slaQueue().getJob(timer)) === undefined, 5000, 'the timer to be removed');
  });

  it('records a breach on time, once, and tells the lead and the assignee', async () => {
    const { conversation, sentAt } = await customerWrote(THRESHOLD_S - 3);
    const dueAt = sentAt + THRESHOLD_S * 1000;
    const assignee = conversation.assigneeId!;
    const heard = await eventually(() => breachesHeard.get(lead.user.id)?.find((b) => b.event.conversationId === conversation.id), 10_000, 'sla.breached for the lead');
    expect(heard.event).toEqual({ seq: expect.any(Number), conversationId: conversation.id, metric: 'firstResponse', dueAt: new Date(dueAt).toISOString(), assigneeId: assignee });
    expect(heard.at).toBeGreaterThanOrEqual(dueAt - 1000);
    expect(heard.at - dueAt).toBeLessThan(ON_TIME_MS);
    await eventually(() => breachesHeard.get(assignee)?.some((b) => b.event.conversationId === conversation.id), 5000, 'sla.breached for the assignee');
    const other = agents.find((a) => a.user.id !== assignee)!.user.id;
    expect(breachesHeard.get(other)?.some((b) => b.event.conversationId === conversation.id) ?? false).toBe(false);

    const after = (await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body;
    expect(after.sla!.breaches).toEqual([{ metric: 'firstResponse', dueAt: new Date(dueAt).toISOString(), at: expect.any(String) }]);
    // The team's rule is notify: the conversation stays where it was.
    expect(after.assigneeId).toBe(assignee);

    // The timer firing again (a retry, a second worker) changes nothing.
    await app.app.context.get(SlaTimersService).fire(conversation.id, 'firstResponse');
    expect(await breachRows(conversation.id)).toEqual([{ metric: 'firstResponse' }]);
    expect(breachesHeard.get(lead.user.id)!.filter((b) => b.event.conversationId === conversation.id)).toHaveLength(1);

    const report = (await client(app.baseUrl, (await login(app.baseUrl, 'manager@rapport.test')).accessToken).get<ResponseTimesReport>('/api/metrics/response-times?groupBy=team')).body;
    expect(report.rows.find((r) => r.key === team.id)?.slaBreaches).toBe(1);
    await asLead().post(`/api/conversations/${conversation.id}/status`, { status: 'resolved' });
  }, 20_000);

  it('never fires for a clock a reply stopped', async () => {
    const { conversation, sentAt } = await customerWrote(THRESHOLD_S - 3);
    const timer = jobIds.slaBreach(conversation.id, 'firstResponse', new Date(sentAt + THRESHOLD_S * 1000));
    expect(await slaQueue().getJob(timer)).toBeTruthy();
    const replied = await asAgent(conversation.assigneeId!).post(`/api/conversations/${conversation.id}/messages`, { text: 'It is on its way.' });
    expect(replied.status).toBe(201);
    const now = (await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body;
    expect(now.sla!.firstResponseDueAt).toBeUndefined();
    expect(now.sla!.nextReplyDueAt).toBeUndefined();
    expect(await slaQueue().getJob(timer)).toBeUndefined();

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, sentAt + THRESHOLD_S * 1000 + ON_TIME_MS - Date.now())));
    await app.app.context.get(SlaTimersService).fire(conversation.id, 'firstResponse');
    expect(await breachRows(conversation.id)).toEqual([]);
    expect(breachesHeard.get(lead.user.id)?.some((b) => b.event.conversationId === conversation.id) ?? false).toBe(false);
    await asLead().post(`/api/conversations/${conversation.id}/status`, { status: 'resolved' });
  }, 20_000);

  it('reassigns once to an available colleague when the team’s rule says so', async () => {
    expect((await asLead().patch<Team>(`/api/teams/${team.id}`, { slaBreachAction: 'reassign' })).body.slaBreachAction).toBe('reassign');
    const { conversation } = await customerWrote(THRESHOLD_S - 3);
    const first = conversation.assigneeId!;
    const colleague = agents.find((a) => a.user.id !== first)!.user.id;
    const moved = await eventually(async () => {
      const now = (await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body;
      return now.assigneeId === colleague ? now : undefined;
    }, 10_000, 'the conversation to move to the colleague');
    expect(moved.sla!.breaches.map((b) => b.metric)).toEqual(['firstResponse']);

    await app.app.context.get(SlaTimersService).fire(conversation.id, 'firstResponse');
    const history = await assignments(conversation.id);
    expect(history.filter((a) => a.reason === 'sla')).toEqual([expect.objectContaining({ fromUserId: first, toUserId: colleague, reason: 'sla' })]);
    expect((await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body.assigneeId).toBe(colleague);
    await asLead().patch(`/api/teams/${team.id}`, { slaBreachAction: 'notify' });
  }, 20_000);

  it('moves due times when a policy changes, and drops them when none applies', async () => {
    const { conversation, sentAt } = await customerWrote(5);
    const policy = (await asLead().get<SlaPolicy[]>('/api/sla-policies')).body.find((p) => p.name === 'Care fast')!;
    expect((await asLead().patch(`/api/sla-policies/${policy.id}`, { firstResponseSeconds: 600 })).status).toBe(200);
    await eventually(async () => (await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body.sla?.firstResponseDueAt === new Date(sentAt + 600_000).toISOString(), 10_000, 'the new due time');
    expect((await asLead().delete(`/api/sla-policies/${policy.id}`)).status).toBe(204);
    await eventually(async () => (await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body.sla === null, 10_000, 'no SLA without a policy');
    expect((await asLead().get<Conversation>(`/api/conversations/${conversation.id}`)).body.slaDeadline).toBeNull();
  }, 20_000);

  it('shows clocks already overdue when a new policy applies, without recording a breach from before it existed', async () => {
    const customer = `sla-cust-${++sequence}`;
    const sentAt = Date.now() - 10 * 60_000;
    await postApiMessage(app.baseUrl, { id: `sla-msg-${sequence}`, from: { id: customer, name: customer }, text: 'Hello?', timestamp: new Date(sentAt).toISOString() });
    const id = await eventually(async () => (await db.query<{ id: string }>('SELECT c.id FROM conversations c JOIN customer_identities ci ON ci.id = c.identity_id WHERE ci.external_id = $1 AND c.assignee_id IS NOT NULL', [customer])).rows[0]?.id, 10_000, 'the conversation, routed, with no policy yet');
    const policy = await asLead().post<SlaPolicy>('/api/sla-policies', { name: 'Care later', teamId: team.id, firstResponseSeconds: THRESHOLD_S, resolutionSeconds: 3600, businessHoursOnly: false });
    expect(policy.status).toBe(201);

    const overdueAt = new Date(sentAt + THRESHOLD_S * 1000).toISOString();
    const shown = await eventually(async () => {
      const now = (await asLead().get<Conversation>(`/api/conversations/${id}`)).body;
      return now.sla?.firstResponseDueAt === overdueAt ? now : undefined;
    }, 10_000, 'the new policy’s due times');
    expect(shown.sla).toMatchObject({ policyId: policy.body.id, firstResponseSeconds: THRESHOLD_S, resolutionDueAt: new Date(sentAt + 3600 * 1000).toISOString(), breaches: [] });
    expect(shown.slaDeadline).toBe(overdueAt);
    // No timer for the overdue clock, so nothing fires, now or on a retry; the clock still running has its own.
    expect(await slaQueue().getJob(jobIds.slaBreach(id, 'firstResponse', new Date(overdueAt)))).toBeUndefined();
    expect(await slaQueue().getJob(jobIds.slaBreach(id, 'resolution', new Date(shown.sla!.resolutionDueAt!)))).toBeTruthy();
    await app.app.context.get(SlaTimersService).fire(id, 'firstResponse');
    expect(await breachRows(id)).toEqual([]);
    expect(breachesHeard.get(lead.user.id)?.some((b) => b.event.conversationId === id) ?? false).toBe(false);
    const after = (await asLead().get<Conversation>(`/api/conversations/${id}`)).body;
    expect(after.sla!.breaches).toEqual([]);
    expect(after.priority).toBe(shown.priority);
    await asLead().post(`/api/conversations/${id}/status`, { status: 'resolved' });
  }, 20_000);
});
