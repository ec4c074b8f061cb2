import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Conversation, ConversationMetrics, ResponseTimesReport, Team, VolumeReport } from '@rapport/shared';
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

  it('never starts a clock later than the message was received, whatever the platform’s clock says', async () => {
    const received = Date.now();
    await customerWrites('clock-5', 'clock-5-a', -60);
    const conversation = await conversationOf('clock-5');
    expect((await manager.post(`/api/conversations/${conversation.id}/messages`, { text: 'Hello!' })).status).toBe(201);
    const [cycle] = (await metricsOf(conversation.id)).cycles;
    expect(Date.parse(cycle!.startedAt)).toBeGreaterThanOrEqual(received - 1000);
    expect(Date.parse(cycle!.startedAt)).toBeLessThanOrEqual(Date.now());
    expect(cycle!.firstResponse!.wallSeconds).toBeGreaterThanOrEqual(0);
    expect(cycle!.firstResponse!.wallSeconds).toBeLessThanOrEqual(SLACK_S);
  });

  it('answers 404 for an unknown conversation and 400 for a non-uuid', async () => {
    expect((await manager.get('/api/conversations/00000000-0000-4000-8000-000000000000/metrics')).status).toBe(404);
    expect((await manager.get('/api/conversations/nope/metrics')).status).toBe(400);
  });

  describe('the response-time report', () => {
    const period = () => `from=${new Date(Date.now() - 3600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;

    it('gives each agent the count, median and p90 of every clock they stopped, in both clocks', async () => {
      const me = (await manager.get<{ id: string }>('/api/auth/me')).body;
      const report = (await manager.get<ResponseTimesReport>(`/api/metrics/response-times?${period()}&groupBy=agent`)).body;
      expect(report.groupBy).toBe('agent');
      const row = report.rows.find((r) => r.key === me.id);
      expect(row).toBeDefined();
      // First responses of clock-1 (10 min), clock-2 (30 min), clock-3 (3 min), clock-4 (10 min) and clock-5 (~0).
      expect(row!.firstResponse.count).toBe(5);
      expect(Math.abs(row!.firstResponse.median! - 600)).toBeLessThanOrEqual(SLACK_S);
      expect(Math.abs(row!.firstResponse.p90! - 1320)).toBeLessThanOrEqual(SLACK_S);
      expect(row!.firstResponse.businessHours.median).not.toBeNull();
      expect(row!.answeredWithinHourPct).toBe(100);
      expect(row!.nextReply.count).toBe(1);
      expect(row!.resolution.count).toBe(2);
      expect(row!.slaBreaches).toBe(0);
    });

    it('groups by team and by channel, and answers CSV to Accept: text/csv', async () => {
      const byTeam = (await manager.get<ResponseTimesReport>(`/api/metrics/response-times?${period()}&groupBy=team`)).body;
      expect(byTeam.rows.reduce((n, r) => n + r.firstResponse.count, 0)).toBe(5);
      const byChannel = (await manager.get<ResponseTimesReport>(`/api/metrics/response-times?${period()}&groupBy=channel`)).body;
      expect(byChannel.rows).toHaveLength(1);
      expect(byChannel.rows[0]!.firstResponse.count).toBe(5);

      const token = (await login(app.baseUrl, 'manager@rapport.test')).accessToken;
      const csv = await fetch(`${app.baseUrl}/api/metrics/response-times?${period()}&groupBy=channel`, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toMatch(/^key,name,firstResponseCount,firstResponseMedian,firstResponseP90,/);
      expect(lines).toHaveLength(2);
      expect(lines[1]!.split(',')[2]).toBe('5');
    });

    it('gives one row per local day for trend charts, in the timezone asked for', async () => {
      const tz = 'Pacific/Kiritimati'; // UTC+14: the local day is often not the UTC day
      const byDay = (await manager.get<ResponseTimesReport>(`/api/metrics/response-times?${period()}&groupBy=day&tz=${tz}`)).body;
      const localDays = new Set([Date.now() - 3600_000, Date.now()].map((t) => new Date(t).toLocaleDateString('en-CA', { timeZone: tz })));
      for (const row of byDay.rows) expect(localDays).toContain(row.key);
      expect(byDay.rows.reduce((n, r) => n + r.firstResponse.count, 0)).toBe(5);
      expect(byDay.rows.map((r) => r.key)).toEqual([...byDay.rows.map((r) => r.key)].sort());
      expect((await manager.get('/api/metrics/response-times?groupBy=day&tz=Mars/Olympus')).status).toBe(400);

      const all = (await manager.get<ResponseTimesReport>(`/api/metrics/response-times?${period()}&groupBy=all`)).body;
      expect(all.rows).toHaveLength(1);
      expect(all.rows[0]).toMatchObject({ key: 'all', name: 'All', firstResponse: { count: 5 } });
    });

    it('refuses agents with 403 and a bad period or grouping with 400', async () => {
      const agent = client(app.baseUrl, (await login(app.baseUrl, 'agent1@rapport.test')).accessToken);
      expect((await agent.get('/api/metrics/response-times')).status).toBe(403);
      expect((await manager.get('/api/metrics/response-times?groupBy=mood')).status).toBe(400);
      expect((await manager.get('/api/metrics/response-times?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
      expect((await manager.get('/api/metrics/response-times?from=yesterday')).status).toBe(400);
      // A period of centuries would make the per-day report walk every day of it.
      const tooLong = await manager.get<{ message: string }>('/api/metrics/response-times?from=1900-01-01T00:00:00Z&groupBy=day');
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.message).toContain('at most 367 days');
      expect((await manager.get('/api/metrics/volume?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
      expect((await manager.get('/api/metrics/response-times?from=2025-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(200);
    });

    it('shows a lead only their teams', async () => {
      const lead = client(app.baseUrl, (await login(app.baseUrl, 'lead@rapport.test')).accessToken);
      const { teamIds } = (await lead.get<{ teamIds: string[] }>('/api/auth/me')).body;
      const report = await lead.get<ResponseTimesReport>(`/api/metrics/response-times?${period()}&groupBy=team`);
      expect(report.status).toBe(200);
      expect(report.body.rows.length).toBeGreaterThan(0);
      for (const row of report.body.rows) expect(teamIds).toContain(row.key);
    });
  });

  describe('the volume report', () => {
    const period = () => `from=${new Date(Date.now() - 3600_000).toISOString()}&to=${new Date(Date.now() + 60_000).toISOString()}`;

    it('counts customer messages and public replies per local hour and on the weekday × hour heatmap', async () => {
      const report = await manager.get<VolumeReport>(`/api/metrics/volume?${period()}&tz=Asia/Kolkata`);
      expect(report.status).toBe(200);
      // 8 customer messages and 6 public replies (the private note is not one) were written above.
      expect(report.body.byHour.reduce((n, h) => n + h.inbound, 0)).toBe(8);
      expect(report.body.byHour.reduce((n, h) => n + h.outbound, 0)).toBe(6);
      // Local hours of UTC+05:30 begin at half past the UTC hour.
      for (const hour of report.body.byHour) expect(new Date(hour.at).getUTCMinutes()).toBe(30);
      expect(report.body.heatmap.reduce((n, c) => n + c.inbound, 0)).toBe(8);
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', weekday: 'short', hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
      const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(local.find((p) => p.type === 'weekday')!.value) + 1;
      const hour = Number(local.find((p) => p.type === 'hour')!.value);
      expect(report.body.heatmap.some((c) => c.weekday === weekday && (c.hour === hour || c.hour === (hour + 23) % 24))).toBe(true);
    });

    it('refuses agents with 403 and an unknown timezone with 400', async () => {
      const agent = client(app.baseUrl, (await login(app.baseUrl, 'agent1@rapport.test')).accessToken);
      expect((await agent.get('/api/metrics/volume')).status).toBe(403);
      const bad = await manager.get<{ message: unknown }>('/api/metrics/volume?tz=Mars/Olympus');
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('IANA');
      // An offset would mean the opposite offset to Postgres: IANA names only.
      expect((await manager.get('/api/metrics/volume?tz=%2B05:30')).status).toBe(400);
    });
  });
});
