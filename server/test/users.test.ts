import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ApiError, LoginResponse, Team, User } from '@rapport/shared';
import { client, login, startTestApp, type TestApp } from './support/test-app.js';

describe('people and teams: admins add and change users and team hours', () => {
  let app: TestApp;
  let admin: LoginResponse;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await login(app.baseUrl, 'admin@rapport.test');
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates an agent who can sign in and is routed to', async () => {
    const teams = (await client(app.baseUrl, admin.accessToken).get<Array<{ id: string; name: string }>>('/api/teams')).body;
    const created = await client(app.baseUrl, admin.accessToken).post<User>('/api/users', {
      email: 'Nina@Rapport.test',
      name: 'Nina Berg',
      role: 'agent',
      password: 'a-long-password',
      teamIds: [teams[0]!.id],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), email: 'nina@rapport.test', name: 'Nina Berg', role: 'agent', active: true });
    const signedIn = await client(app.baseUrl).post<LoginResponse>('/api/auth/login', { email: 'nina@rapport.test', password: 'a-long-password' });
    expect(signedIn.status).toBe(200);
    const lead = await login(app.baseUrl, 'lead@rapport.test');
    const agents = (await client(app.baseUrl, lead.accessToken).get<Array<{ id: string; teamIds: string[]; autoAssign: boolean }>>('/api/agents')).body;
    expect(agents.find((a) => a.id === created.body.id)).toMatchObject({ teamIds: [teams[0]!.id], autoAssign: true });
  });

  it('refuses a duplicate email with 409, a short password with 400, and non-admins with 403', async () => {
    const api = client(app.baseUrl, admin.accessToken);
    expect((await api.post<ApiError>('/api/users', { email: 'agent1@rapport.test', name: 'Again', role: 'agent', password: 'a-long-password' })).status).toBe(409);
    const short = await api.post<ApiError>('/api/users', { email: 'short@rapport.test', name: 'Short', role: 'agent', password: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/password/);
    const lead = await login(app.baseUrl, 'lead@rapport.test');
    expect((await client(app.baseUrl, lead.accessToken).get('/api/users')).status).toBe(403);
  });

  it('changes a role and a password', async () => {
    const api = client(app.baseUrl, admin.accessToken);
    const agent4 = (await api.get<User[]>('/api/users')).body.find((u) => u.email === 'agent4@rapport.test')!;
    const changed = await fetch(`${app.baseUrl}/api/users/${agent4.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.accessToken}` },
      body: JSON.stringify({ role: 'lead', password: 'another-long-one' }),
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ role: 'lead' });
    expect((await client(app.baseUrl).post('/api/auth/login', { email: 'agent4@rapport.test', password: 'rapport-demo' })).status).toBe(401);
    expect((await client(app.baseUrl).post('/api/auth/login', { email: 'agent4@rapport.test', password: 'another-long-one' })).status).toBe(200);
  });

  it('keeps a timezone, split shifts, a day open until midnight and holidays', async () => {
    const api = client(app.baseUrl, admin.accessToken);
    const [team] = (await api.get<Team[]>('/api/teams')).body;
    expect(team).toMatchObject({ holidays: [] });
    const businessHours = { mon: [['09:00', '13:00'], ['14:00', '18:00']], fri: [['16:00', '24:00']] };
    const changed = await api.patch<Team>(`/api/teams/${team!.id}`, { timezone: 'Europe/Madrid', businessHours, holidays: ['2026-12-25', '2026-01-01', '2026-12-25'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ timezone: 'Europe/Madrid', businessHours, holidays: ['2026-01-01', '2026-12-25'] });
    expect((await api.get<Team[]>('/api/teams')).body.find((t) => t.id === team!.id)).toMatchObject({ holidays: ['2026-01-01', '2026-12-25'] });
  });

  it('refuses a holiday that is not a date and a time past midnight with 400 and a reason', async () => {
    const api = client(app.baseUrl, admin.accessToken);
    const [team] = (await api.get<Team[]>('/api/teams')).body;
    const badDate = await api.patch<ApiError>(`/api/teams/${team!.id}`, { holidays: ['25/12/2026'] });
    expect(badDate.status).toBe(400);
    expect(JSON.stringify(badDate.body)).toContain('holidays are dates');
    const badTime = await api.patch<ApiError>(`/api/teams/${team!.id}`, { businessHours: { mon: [['09:00', '24:30']] } });
    expect(badTime.status).toBe(400);
    expect(JSON.stringify(badTime.body)).toContain('HH:MM');
  });
});

describe('a real deployment without demo data', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ DEMO_SEED: 'off', ADMIN_EMAIL: 'owner@example.com', ADMIN_PASSWORD: 'owner-password-1' });
  });

  afterAll(async () => {
    await app.close();
  });

  it('creates the first admin from the environment, and no demo users', async () => {
    const owner = await client(app.baseUrl).post<LoginResponse>('/api/auth/login', { email: 'owner@example.com', password: 'owner-password-1' });
    expect(owner.status).toBe(200);
    expect(owner.body.user.role).toBe('admin');
    expect((await client(app.baseUrl).post('/api/auth/login', { email: 'agent1@rapport.test', password: 'rapport-demo' })).status).toBe(401);
    await app.restart();
    const users = (await client(app.baseUrl, owner.body.accessToken).get<User[]>('/api/users')).body;
    expect(users.map((u) => u.email)).toEqual(['owner@example.com']);
  });
});
