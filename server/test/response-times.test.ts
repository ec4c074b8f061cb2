import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Conversation, ConversationMetrics, Team } from '@rapport/shared';
import { client, eventually, login, postApiMessage, startAppWithDatabase, type TestApp } from './support/test-app.js';

/** Clocks run on real time here (replies are stamped when written): figures are checked to a few seconds. */
const SLACK_S = 5;

describe('response-time clocks of a conversation', () => {
  let app: TestApp;
  let db: pg.Client;
  let manager: ReturnType<typeof client>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, db, manager, close } = await startAppWithDatabase());
  });

  afterAll(() => close());

  async function conversationOf(sender: string): Promise<Conversation> {
    const id = await eventually(async () => {
      const { rows } = await db.query<{ id: string }>(
        "SELECT c.id FROM conversations c JOIN customer_identities ci ON ci.id = c.identity_id WHERE ci.external_id = $1 AND c.status <> 'resolved'",
        [sender],
      );
      return rows[0]?.id;
    }, 10_000, `the conversation of ${sender}`);
    return (await manager.get<Conversation>(`/api/conversations/${id}`)).body;
  }

  async function customerWrites(sender: string, id: string, minutesAgo: number): Promise<void> {
    const timestamp = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    expect((await postApiMessage(app.baseUrl, { id, from: { id: sender, name: 'Ada' }, text: `message ${id}`, timestamp })).status).toBe(200);
    await eventually(async () => (await db.query('SELECT 1 FROM messages WHERE external_id = $1', [id])).rowCount === 1, 10_000, `message ${id} stored`);
  }

  const metricsOf = async (id: string) => (await manager.get<ConversationMetrics>(`/api/conversations/${id}/metrics`)).body;

  it('starts at the customer’s own time, ignores a private note, and stops at the public reply', async () => {
    await customerWrites('clock-1', 'clock-1-a', 10);
    const conversation = await conversationOf('clock-1');
    expect((await manager.post(`/api/conversations/${conversation.id}/messages`, { text: 'checking with the warehouse', private: true })).status).toBe(201);
    expect((await manager.post(`/api/conversations/${conversation.id}/messages`, { text: 'Your parcel left today.' })).status).toBe(201);

    const { cycles } = await metricsOf(conversation.id);
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.firstResponse!.wallSeconds).toBeGreaterThanOrEqual(600 - SLACK_S);
    expect(cycles[0]!.firstResponse!.wallSeconds).toBeLessThanOrEqual(600 + SLACK_S);
    expect(cycles[0]!.events.map((e) => e.kind)).toEqual(['cycle.started', 'firstResponse.started', 'ignored', 'firstResponse.stopped']);
    expect(cycles[0]!.events[2]!.why).toBe('a private note does not answer the customer');
  });

  it('times the next reply from the first unanswered message, pauses while pending, and ends at resolve', async () => {
    await customerWrites('clock-2', 'clock-2-a', 30);
    const conversation = await conversationOf('clock-2');
    expect((await manager.post(`/api/conversations/${conversation.id}/messages`, { text: 'Looking into it.' })).status).toBe(201);
    await customerWrites('clock-2', 'clock-2-b', 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await customerWrites('clock-2', 'clock-2-c', 0);
    expect((await manager.post(`/api/conversations/${conversation.id}/messages`, { text: 'Refund sent.' })).status).toBe(201);
    expect((await manager.post(`/api/conversations/${conversation.id}/status`, { status: 'pending' })).status).toBe(200);
    expect((await manager.post(`/api/conversations/${conversation.id}/status`, { status: 'resolved' })).status).toBe(200);

    const { cycles } = await metricsOf(conversation.id);
    expect(cycles).toHaveLength(1);
    const [cycle] = cycles;
    expect(cycle!.nextReplies).toHaveLength(1);
    // From the first unanswered message (b), not the latest (c, 1.5 s later).
    expect(cycle!.nextReplies[0]!.wallSeconds).toBeGreaterThanOrEqual(1.5);
    expect(cycle!.nextReplies[0]!.wallSeconds).toBeLessThanOrEqual(SLACK_S);
    expect(cycle!.resolution!.wallSeconds).toBeGreaterThanOrEqual(1800 - SLACK_S);
    expect(cycle!.resolution!.wallSeconds).toBeLessThanOrEqual(1800 + SLACK_S);
    expect(cycle!.events.map((e) => e.kind)).toContain('paused');
  });

  it('starts a new cycle when the customer writes again after a resolve', async () => {
    await customerWrites('clock-3', 'clock-3-a', 3);
    const first = await conversationOf('clock-3');
    expect((await manager.post(`/api/conversations/${first.id}/messages`, { text: 'Done.' })).status).toBe(201);
    expect((await manager.post(`/api/conversations/${first.id}/status`, { status: 'resolved' })).status).toBe(200);
    await customerWrites('clock-3', 'clock-3-b', 0);
    const second = await conversationOf('clock-3');
    expect(second.id).not.toBe(first.id);
    expect((await metricsOf(first.id)).cycles).toHaveLength(1);
    expect((await metricsOf(second.id)).cycles.map((c) => c.firstResponse)).toEqual([null]);
  });

  it('counts business seconds in the team’s hours: none while the team is closed', async () => {
    await customerWrites('clock-4', 'clock-4-a', 10);
    const conversation = await conversationOf('clock-4');
    const admin = client(app.baseUrl, (await login(app.baseUrl, 'admin@rapport.test')).accessToken);
    const closed = await admin.patch<Team>(`/api/teams/${conversation.teamId}`, { timezone: 'Europe/Madrid', businessHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(closed.status).toBe(200);
    expect((await manager.post(`/api/conversations/${conversation.id}/messages`, { text: 'On it.' })).status).toBe(201);

    const metrics = await metricsOf(conversation.id);
    expect(metrics.timezone).toBe('Europe/Madrid');
    expect(metrics.cycles[0]!.firstResponse).toMatchObject({ businessSeconds: 0 });
    expect(metrics.cycles[0]!.firstResponse!.wallSeconds).toBeGreaterThan(600 - SLACK_S);
    await admin.patch(`/api/teams/${conversation.teamId}`, { timezone: 'UTC', businessHours: {} });
  });

  it('answers 404 for an unknown conversation and 400 for a non-uuid', async () => {
    expect((await manager.get('/api/conversations/00000000-0000-4000-8000-000000000000/metrics')).status).toBe(404);
    expect((await manager.get('/api/conversations/nope/metrics')).status).toBe(400);
  });
});
