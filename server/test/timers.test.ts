import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DateTime } from 'luxon';
import type { Conversation, FollowUp, FollowUpDueEvent, LoginResponse, Page, SendCheck } from '@rapport/shared';
import { QueueService } from '../src/core/queue.service.js';
import { jobIds, QueueName } from '../src/core/queues.js';
import { ConversationStatusService } from '../src/modules/conversations/conversation-status.service.js';
import { nextContactStart } from '../src/modules/follow-ups/domain/contact-hours.js';
import { FollowUpsService } from '../src/modules/follow-ups/follow-ups.service.js';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startTestApp, type TestApp, type TestSocket } from './support/test-app.js';

/** How late a timer may fire after its time (a delayed job, not a sweep). */
const ON_TIME_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('timers: snoozes that wake, follow-ups at the customer’s time, doNotContact', () => {
  let app: TestApp;
  let db: pg.Client;
  let agent: LoginResponse;
  let socket: TestSocket;
  let heard: ReturnType<typeof recordEvents>;
  let sequence = 0;

  const asAgent = () => client(app.baseUrl, agent.accessToken);
  const timersQueue = () => app.app.context.get(QueueService).queue(QueueName.Timers);
  const conversation = async (id: string) => (await asAgent().get<Conversation>(`/api/conversations/${id}`)).body;
  const openFacts = async (id: string) =>
    (await db.query<{ at: Date; agent_id: string | null }>("SELECT at, agent_id FROM clock_facts WHERE conversation_id = $1 AND kind = 'status' AND detail = 'open' ORDER BY at", [id])).rows;

  /** A new customer writes; the conversation is routed to the only online agent. */
  async function customerWrote(text = 'Where is my parcel?'): Promise<{ conversation: Conversation; customerExternalId: string }> {
    const customer = `timer-cust-${++sequence}`;
    await customerWritesAgain(customer, text);
    const routed = await eventually(async () => {
      const { rows } = await db.query<{ id: string }>('SELECT c.id FROM conversations c JOIN customer_identities ci ON ci.id = c.identity_id WHERE ci.external_id = $1', [customer]);
      const loaded = rows[0] ? await conversation(rows[0].id) : undefined;
      return loaded?.assigneeId === agent.user.id ? loaded : undefined;
    }, 10_000, `the conversation of ${customer}, routed to the agent`);
    return { conversation: routed, customerExternalId: customer };
  }

  async function customerWritesAgain(customer: string, text: string): Promise<void> {
    const response = await postApiMessage(app.baseUrl, { id: `timer-msg-${++sequence}`, from: { id: customer, name: `Customer ${customer}` }, text });
    expect(response.status).toBe(200);
  }

  const setStatus = (id: string, body: { status: string; snoozeUntil?: string }) => asAgent().post<Conversation>(`/api/conversations/${id}/status`, body);

  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    agent = await login(app.baseUrl, 'agent1@rapport.test');
    socket = await connectSocket(app.baseUrl, agent.accessToken);
    heard = recordEvents(socket);
    const lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
    expect((await lead.patch(`/api/agents/${agent.user.id}`, { capacity: 50 })).status).toBe(200);
  });

  afterAll(async () => {
    socket?.disconnect();
    await db?.end();
    await app?.close();
  });

  it('wakes a snoozed conversation at snoozeUntil, pushed live, and only the newest snooze time has a timer', async () => {
    const { conversation: c } = await customerWrote();
    const first = new Date(Date.now() + 60_000);
    expect((await setStatus(c.id, { status: 'snoozed', snoozeUntil: first.toISOString() })).body.status).toBe('snoozed');
    expect(await timersQueue().getJob(jobIds.snoozeWake(c.id, first))).toBeTruthy();

    // Snoozing again moves the timer.
    const until = new Date(Date.now() + 2000);
    expect((await setStatus(c.id, { status: 'snoozed', snoozeUntil: until.toISOString() })).body.snoozedUntil).toBe(until.toISOString());
    await eventually(async () => (await timersQueue().getJob(jobIds.snoozeWake(c.id, first))) === undefined, 5000, 'the first timer to be removed');

    const woke = await eventually(
      () => heard.find((e) => e.type === 'conversation.updated' && (e.payload.conversation as Conversation).id === c.id && (e.payload.conversation as Conversation).status === 'open'),
      until.getTime() - Date.now() + 10_000,
      'conversation.updated with the conversation open',
    );
    const wokeAt = Date.now();
    expect(wokeAt).toBeGreaterThanOrEqual(until.getTime() - 50);
    expect(wokeAt - until.getTime()).toBeLessThan(ON_TIME_MS);
    expect((woke.payload.conversation as Conversation).snoozedUntil).toBeNull();
    expect((await asAgent().get<Page<Conversation>>('/api/conversations?status=open&assignee=me&limit=100')).body.items.map((i) => i.id)).toContain(c.id);
    // Reopened by the timer, for the clocks as of the snooze's end.
    expect(await openFacts(c.id)).toEqual([{ at: until, agent_id: null }]);

    // The same timer again (a retry, a second worker) changes nothing.
    expect(await app.app.context.get(ConversationStatusService).wake(c.id, until)).toBe(false);
    expect(await openFacts(c.id)).toHaveLength(1);
  }, 30_000);

  it('removes the timer when the customer writes first, and the conversation stays open', async () => {
    const { conversation: c, customerExternalId } = await customerWrote();
    const until = new Date(Date.now() + 60_000);
    await setStatus(c.id, { status: 'snoozed', snoozeUntil: until.toISOString() });
    expect(await timersQueue().getJob(jobIds.snoozeWake(c.id, until))).toBeTruthy();

    await customerWritesAgain(customerExternalId, 'Hello? Anyone?');
    await eventually(async () => (await conversation(c.id)).status === 'open', 10_000, 'the customer to wake it');
    await eventually(async () => (await timersQueue().getJob(jobIds.snoozeWake(c.id, until))) === undefined, 5000, 'the snooze timer to be removed');
    expect(await app.app.context.get(ConversationStatusService).wake(c.id, until)).toBe(false);
  }, 30_000);

  it('removes the timer when an agent answers a snoozed conversation', async () => {
    const { conversation: c } = await customerWrote();
    const until = new Date(Date.now() + 60_000);
    await setStatus(c.id, { status: 'snoozed', snoozeUntil: until.toISOString() });
    expect(await timersQueue().getJob(jobIds.snoozeWake(c.id, until))).toBeTruthy();
    expect((await asAgent().post(`/api/conversations/${c.id}/messages`, { text: 'We are on it.' })).status).toBe(201);
    const now = await conversation(c.id);
    expect([now.status, now.snoozedUntil]).toEqual(['open', null]);
    await eventually(async () => (await timersQueue().getJob(jobIds.snoozeWake(c.id, until))) === undefined, 5000, 'the snooze timer to be removed');
  }, 30_000);

  it('fires a follow-up once at its time: reopened, at the top of the inbox, followup.due heard', async () => {
    const { conversation: c } = await customerWrote('My refund never came');
    expect((await setStatus(c.id, { status: 'resolved' })).body.status).toBe('resolved');
    const dueAt = new Date(Date.now() + 2500);
    const created = await asAgent().post<FollowUp>(`/api/conversations/${c.id}/follow-ups`, { dueAt: dueAt.toISOString(), note: 'Check the refund landed' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), dueAt: dueAt.toISOString(), note: 'Check the refund landed', status: 'scheduled' });
    const listed = (await asAgent().get<Page<FollowUp>>('/api/follow-ups?assignee=me')).body.items;
    expect(listed.find((f) => f.id === created.body.id)).toMatchObject({ conversationId: c.id, status: 'scheduled', conversation: { id: c.id, status: 'resolved' } });
    // A newer conversation sits above it until the follow-up comes due.
    const { conversation: newer } = await customerWrote('Another question');

    const event = await eventually(() => heard.find((e) => e.type === 'followup.due' && e.payload.followUpId === created.body.id), 15_000, 'followup.due');
    const heardAt = Date.now();
    expect(event.payload).toEqual({ seq: expect.any(Number), conversationId: c.id, followUpId: created.body.id, note: 'Check the refund landed', dueAt: dueAt.toISOString(), assigneeId: agent.user.id, createdById: agent.user.id } satisfies Record<keyof FollowUpDueEvent, unknown>);
    expect(heardAt).toBeGreaterThanOrEqual(dueAt.getTime() - 50);
    expect(heardAt - dueAt.getTime()).toBeLessThan(ON_TIME_MS);

    expect((await conversation(c.id)).status).toBe('open');
    const inbox = (await asAgent().get<Page<Conversation>>('/api/conversations?status=open&assignee=me&limit=100')).body.items.map((i) => i.id);
    expect(inbox.indexOf(c.id)).toBeLessThan(inbox.indexOf(newer.id));
    expect(inbox[0]).toBe(c.id);
    expect((await asAgent().get<Page<FollowUp>>(`/api/follow-ups?conversationId=${c.id}`)).body.items).toEqual([expect.objectContaining({ id: created.body.id, status: 'due', firedAt: expect.any(String) })]);

    // Firing again does nothing: one notice, one reopening.
    expect(await app.app.context.get(FollowUpsService).fire(created.body.id)).toBe(false);
    await sleep(300);
    expect(heard.filter((e) => e.type === 'followup.due' && e.payload.followUpId === created.body.id)).toHaveLength(1);
    expect(await openFacts(c.id)).toHaveLength(1);

    // Dismissed, it leaves the list.
    expect((await asAgent().delete(`/api/follow-ups/${created.body.id}`)).status).toBe(204);
    expect((await asAgent().get<Page<FollowUp>>('/api/follow-ups?assignee=me')).body.items.some((f) => f.id === created.body.id)).toBe(false);
  }, 40_000);

  it('cancels a scheduled follow-up with its timer, and refuses bad input with a reason', async () => {
    const { conversation: c } = await customerWrote();
    const created = await asAgent().post<FollowUp>(`/api/conversations/${c.id}/follow-ups`, { dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: 'Later' });
    expect(await timersQueue().getJob(jobIds.followUpDue(created.body.id))).toBeTruthy();
    expect((await asAgent().delete(`/api/follow-ups/${created.body.id}`)).status).toBe(204);
    await eventually(async () => (await timersQueue().getJob(jobIds.followUpDue(created.body.id))) === undefined, 5000, 'the follow-up timer to be removed');
    expect(await app.app.context.get(FollowUpsService).fire(created.body.id)).toBe(false);

    const past = await asAgent().post<{ message: string }>(`/api/conversations/${c.id}/follow-ups`, { dueAt: new Date(Date.now() - 1000).toISOString(), note: 'Too late' });
    expect([past.status, past.body.message]).toEqual([400, 'dueAt must be in the future']);
    const neither = await asAgent().post<{ message: string }>(`/api/conversations/${c.id}/follow-ups`, { note: 'When?' });
    expect(neither.status).toBe(400);
    expect(neither.body.message).toMatch(/dueAt/);
    const nul = await asAgent().post<{ message: string }>(`/api/conversations/${c.id}/follow-ups`, { dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: 'a\u0000b' });
    expect([nul.status, nul.body.message]).toEqual([400, 'Text must not contain the NUL character (\\u0000)']);
    expect((await asAgent().get('/api/follow-ups?assignee=all')).status).toBe(403);
  }, 30_000);

  it('picks the next start of the customer’s contact hours in their timezone', async () => {
    const { conversation: c } = await customerWrote();
    const contactHours = { days: [1, 2, 3, 4, 5], from: '09:30', to: '17:00' };
    await db.query('UPDATE customers SET timezone = $2, contact_hours = $3 WHERE id = $1', [c.customerId, 'Asia/Tokyo', JSON.stringify(contactHours)]);
    const before = new Date();
    const created = await asAgent().post<FollowUp>(`/api/conversations/${c.id}/follow-ups`, { note: 'Call back in their morning', inCustomerHours: true });
    expect(created.status).toBe(201);
    expect(created.body.inCustomerHours).toBe(true);
    const dueAt = new Date(created.body.dueAt);
    expect(dueAt.toISOString()).toBe(nextContactStart({ timezone: 'Asia/Tokyo', contactHours }, before).toISOString());
    const local = DateTime.fromJSDate(dueAt, { zone: 'Asia/Tokyo' });
    expect(local.toFormat('HH:mm')).toBe('09:30');
    expect(contactHours.days).toContain(local.weekday);
    expect(dueAt.getTime()).toBeGreaterThan(before.getTime());

    const check = (await asAgent().get<SendCheck>(`/api/conversations/${c.id}/send-check`)).body;
    expect(check.contact).toMatchObject({ timezone: 'Asia/Tokyo', contactHours, nextContactAt: expect.any(String) });
    expect(check.warnings).toHaveLength(check.contact.inContactHours ? 0 : 1);
    await asAgent().delete(`/api/follow-ups/${created.body.id}`);
  }, 30_000);

  it('never writes to a customer marked doNotContact: public replies refused, notes and follow-ups fine', async () => {
    const { conversation: c } = await customerWrote('Please stop messaging me');
    await db.query('UPDATE customers SET do_not_contact = true WHERE id = $1', [c.customerId]);
    const refused = await asAgent().post<{ message: string }>(`/api/conversations/${c.id}/messages`, { text: 'Sorry to hear that!' });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/asked not to be contacted/);
    expect((await asAgent().get<{ items: unknown[] }>(`/api/conversations/${c.id}/messages`)).body.items).toHaveLength(1);
    expect((await asAgent().post(`/api/conversations/${c.id}/messages`, { text: 'They opted out of contact', private: true })).status).toBe(201);
    const check = (await asAgent().get<SendCheck>(`/api/conversations/${c.id}/send-check`)).body;
    expect([check.allowed, check.reasons]).toEqual([false, [expect.stringMatching(/asked not to be contacted/)]]);
    const reminder = await asAgent().post<FollowUp>(`/api/conversations/${c.id}/follow-ups`, { dueAt: new Date(Date.now() + 3_600_000).toISOString(), note: 'Check whether they opted back in' });
    expect(reminder.status).toBe(201);
    await asAgent().delete(`/api/follow-ups/${reminder.body.id}`);
  }, 30_000);

  it('wakes a snooze that came due while the server was down, exactly once, after the restart', async () => {
    const { conversation: c } = await customerWrote();
    const until = new Date(Date.now() + 2000);
    await setStatus(c.id, { status: 'snoozed', snoozeUntil: until.toISOString() });
    socket.disconnect();
    await app.stop();
    await sleep(until.getTime() - Date.now() + 1000);
    expect((await db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [c.id])).rows[0]!.status).toBe('snoozed');
    await app.restart();
    await eventually(async () => (await db.query<{ status: string }>('SELECT status FROM conversations WHERE id = $1', [c.id])).rows[0]!.status === 'open', 15_000, 'the overdue snooze to wake');
    await sleep(1000);
    expect(await openFacts(c.id)).toEqual([{ at: until, agent_id: null }]);
    expect(await timersQueue().getJob(jobIds.snoozeWake(c.id, until))).toBeUndefined();
  }, 40_000);
});
