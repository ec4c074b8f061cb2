import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiError, SlaPolicy, Team } from '@rapport/shared';
import { client, login, startTestApp, type TestApp } from './support/test-app.js';

describe('SLA policies', () => {
  let app: TestApp;
  let admin: ReturnType<typeof client>;
  let lead: ReturnType<typeof client>;
  let manager: ReturnType<typeof client>;
  let agent: ReturnType<typeof client>;
  let leadTeamId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const as = async (email: string) => client(app.baseUrl, (await login(app.baseUrl, email)).accessToken);
    admin = await as('admin@rapport.test');
    lead = await as('lead@rapport.test');
    manager = await as('manager@rapport.test');
    agent = await as('agent1@rapport.test');
    leadTeamId = (await lead.get<{ teamIds: string[] }>('/api/auth/me')).body.teamIds[0]!;
  });

  afterAll(async () => {
    await app.close();
  });

  it('lets an admin create a policy for every team and a lead one for their team; managers read them', async () => {
    const global = await admin.post<SlaPolicy>('/api/sla-policies', { name: 'Default', firstResponseSeconds: 3600, resolutionSeconds: 86400 });
    expect(global.status).toBe(201);
    expect(global.body).toMatchObject({ name: 'Default', teamId: null, channelKind: null, priority: null, firstResponseSeconds: 3600, nextReplySeconds: null, businessHoursOnly: true });

    const urgent = await lead.post<SlaPolicy>('/api/sla-policies', { name: 'Urgent care', teamId: leadTeamId, priority: 'urgent', firstResponseSeconds: 600, businessHoursOnly: false });
    expect(urgent.status).toBe(201);

    const listed = await manager.get<SlaPolicy[]>('/api/sla-policies');
    expect(listed.status).toBe(200);
    expect(listed.body.map((p) => p.name)).toEqual(['Default', 'Urgent care']);
    expect((await manager.get<SlaPolicy>(`/api/sla-policies/${urgent.body.id}`)).body).toMatchObject({ priority: 'urgent', businessHoursOnly: false });
  });

  it('changes and deletes a policy', async () => {
    const created = (await admin.post<SlaPolicy>('/api/sla-policies', { name: 'WhatsApp', channelKind: 'whatsapp', nextReplySeconds: 900 })).body;
    const changed = await admin.patch<SlaPolicy>(`/api/sla-policies/${created.id}`, { nextReplySeconds: 1200, name: 'WhatsApp replies' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'WhatsApp replies', nextReplySeconds: 1200, channelKind: 'whatsapp' });
    const removed = await fetch(`${app.baseUrl}/api/sla-policies/${created.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${(await login(app.baseUrl, 'admin@rapport.test')).accessToken}` } });
    expect(removed.status).toBe(204);
    expect((await admin.get(`/api/sla-policies/${created.id}`)).status).toBe(404);
  });

  it('keeps agents out, and leads to their own teams', async () => {
    expect((await agent.get('/api/sla-policies')).status).toBe(403);
    expect((await agent.post('/api/sla-policies', { name: 'Mine', firstResponseSeconds: 60 })).status).toBe(403);
    expect((await manager.post('/api/sla-policies', { name: 'Mine', firstResponseSeconds: 60 })).status).toBe(403);
    const everyTeam = await lead.post<ApiError>('/api/sla-policies', { name: 'All teams', firstResponseSeconds: 600 });
    expect(everyTeam.status).toBe(403);
    const other = await admin.post<Team>('/api/teams', { name: 'Billing' });
    expect((await lead.post<ApiError>('/api/sla-policies', { name: 'Theirs', teamId: other.body.id, firstResponseSeconds: 600 })).status).toBe(403);
  });

  it('refuses a policy without a threshold, a too short one, an unknown team or kind with 400 and a reason', async () => {
    const none = await admin.post<ApiError>('/api/sla-policies', { name: 'Nothing' });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('set at least one of');
    expect((await admin.post('/api/sla-policies', { name: 'Short', firstResponseSeconds: 5 })).status).toBe(400);
    const team = await admin.post<ApiError>('/api/sla-policies', { name: 'Ghost', teamId: '00000000-0000-4000-8000-000000000000', firstResponseSeconds: 600 });
    expect(team.status).toBe(400);
    expect(JSON.stringify(team.body)).toContain('that team does not exist');
    expect((await admin.post('/api/sla-policies', { name: 'Fax', channelKind: 'fax', firstResponseSeconds: 600 })).status).toBe(400);
    const created = (await admin.post<SlaPolicy>('/api/sla-policies', { name: 'Only first', firstResponseSeconds: 600 })).body;
    expect((await admin.patch(`/api/sla-policies/${created.id}`, { firstResponseSeconds: null })).status).toBe(400);
    expect((await admin.patch('/api/sla-policies/nope', { name: 'x' })).status).toBe(400);
  });
});
