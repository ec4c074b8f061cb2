import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { Agent, ApiError, AuditEntry, Conversation, LoginResponse, LoginThrottledError, Page, Team, UserAccount } from '@rapport/shared';
import { client, connectSocket, eventually, login, PASSWORD, postApiMessage, startTestApp, type TestApp, type TestSocket } from './support/test-app.js';

const WRONG = 'not-the-password';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const basic = (email: string, password: string) => `Basic ${Buffer.from(`${email}:${password}`).toString('base64')}`;
/** The claims of a JWT, unverified (the server verifies; the test only reads them). */
const claimsOf = (token: string): { exp: number; iat: number } => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number };

async function signIn(baseUrl: string, email: string, password: string): Promise<{ status: number; retryAfter: string | null; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** Resolves with the reason the server gave when it closes this socket. */
const closedByServer = (socket: TestSocket): Promise<string> => new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('accounts and sessions: throttled sign-in, rotating refresh tokens, deactivation, audit', () => {
  let app: TestApp;
  let db: pg.Client;
  let admin: LoginResponse;
  const sockets: TestSocket[] = [];

  const asAdmin = () => client(app.baseUrl, admin.accessToken);
  const auditOf = async (query: string): Promise<AuditEntry[]> => {
    const response = await asAdmin().get<Page<AuditEntry>>(`/api/audit?limit=100&${query}`);
    expect(response.status).toBe(200);
    return response.body.items;
  };
  const userNamed = async (email: string): Promise<UserAccount> => (await asAdmin().get<UserAccount[]>('/api/users')).body.find((u) => u.email === email)!;
  const socketOf = async (token: string): Promise<TestSocket> => {
    const socket = await connectSocket(app.baseUrl, token);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    app = await startTestApp({ ROUTING_OFFLINE_GRACE_SECONDS: '1' });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    admin = await login(app.baseUrl, 'admin@rapport.test');
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await new Promise((r) => setTimeout(r, 100));
    await db?.end();
    await app?.close();
  });

  describe('sign-in throttling per account', () => {
    it('locks an account after 5 failures: 429 with Retry-After, even for the right password, and refused tries do not count', async () => {
      const email = 'agent3@rapport.test';
      for (let i = 1; i <= 5; i++) expect((await signIn(app.baseUrl, email, WRONG)).status).toBe(401);

      const locked = await signIn(app.baseUrl, email, PASSWORD);
      expect(locked.status).toBe(429);
      const body = locked.body as LoginThrottledError;
      expect(body).toEqual({ statusCode: 429, message: 'Too many failed sign-ins: try again in 15 minutes', retryAfterSeconds: expect.any(Number) });
      expect(body.retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect(body.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      expect(Number(locked.retryAfter)).toBe(body.retryAfterSeconds);

      // Any case of the email is the same account.
      expect((await signIn(app.baseUrl, 'Agent3@Rapport.TEST', WRONG)).status).toBe(429);
      // The queue dashboard's Basic sign-in is the same door.
      const dashboard = await fetch(`${app.baseUrl}/admin/queues`, { headers: { authorization: basic(email, PASSWORD) } });
      expect(dashboard.status).toBe(429);
      expect(Number(dashboard.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await dashboard.text()).toMatch(/^Too many failed sign-ins: try again in \d+ minutes$/);

      // Only the five failures are on record: the refused tries did not count (or the lock would have grown).
      const failures = (await auditOf('action=auth.login_failed')).filter((e) => e.details.email === email);
      expect(failures).toHaveLength(5);
      expect(failures[0]!.details).toMatchObject({ reason: 'wrong_password', locked: 'account', lockedForSeconds: expect.any(Number) });
      expect(failures[0]!.actorId).toBe((await userNamed(email)).id);
      expect(JSON.stringify(failures)).not.toContain(WRONG);
    });

    it('clears the count of an account when it signs in', async () => {
      const email = 'agent2@rapport.test';
      for (let i = 0; i < 4; i++) expect((await signIn(app.baseUrl, email, WRONG)).status).toBe(401);
      expect((await signIn(app.baseUrl, email, PASSWORD)).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await signIn(app.baseUrl, email, WRONG)).status).toBe(401);
      expect((await signIn(app.baseUrl, email, PASSWORD)).status).toBe(200);
    });

    it('records sign-ins and failed sign-ins of unknown accounts in the audit log', async () => {
      expect((await signIn(app.baseUrl, 'Nobody@Rapport.test', WRONG)).status).toBe(401);
      const [unknown] = (await auditOf('action=auth.login_failed')).filter((e) => e.details.email === 'nobody@rapport.test');
      expect(unknown).toMatchObject({ actorId: null, actorEmail: 'nobody@rapport.test', details: { email: 'nobody@rapport.test', reason: 'unknown_account' }, ip: expect.any(String) });
      const [signedIn] = await auditOf(`action=auth.login&actorId=${admin.user.id}`);
      expect(signedIn).toMatchObject({ actorEmail: 'admin@rapport.test', targetType: 'user', targetId: admin.user.id });
    });
  });

  describe('refresh tokens', () => {
    const refresh = (refreshToken: unknown) => client(app.baseUrl).post<LoginResponse & ApiError>('/api/auth/refresh', { refreshToken });

    it('signs in with a short-lived access token and an opaque refresh token, stored only as its hash', async () => {
      const session = await login(app.baseUrl, 'agent1@rapport.test');
      expect(session.expiresIn).toBe(900);
      const claims = claimsOf(session.accessToken);
      expect(claims.exp - claims.iat).toBe(900);
      expect(session.refreshToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
      expect(Object.keys(session.user).sort()).toEqual(['email', 'id', 'name', 'role']);
      const stored = await db.query('SELECT user_id, family_id, expires_at FROM refresh_tokens WHERE token_hash = $1', [sha256(session.refreshToken)]);
      expect(stored.rows).toHaveLength(1);
      expect(stored.rows[0].user_id).toBe(session.user.id);
      const days = (new Date(stored.rows[0].expires_at as string).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(13.9);
      expect((await db.query('SELECT 1 FROM refresh_tokens WHERE token_hash = $1', [session.refreshToken])).rows).toHaveLength(0);
    });

    it('rotates: each refresh answers a new pair of the same sign-in', async () => {
      const first = await login(app.baseUrl, 'agent1@rapport.test');
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, user: { id: first.user.id, role: 'agent' } });
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await client(app.baseUrl, second.body.accessToken).get('/api/auth/me')).status).toBe(200);
      const third = await refresh(second.body.refreshToken);
      expect(third.status).toBe(200);
      const family = await db.query('SELECT count(*)::int AS n, count(DISTINCT family_id)::int AS families FROM refresh_tokens WHERE token_hash = ANY($1)', [
        [first.refreshToken, second.body.refreshToken, third.body.refreshToken].map(sha256),
      ]);
      expect(family.rows[0]).toEqual({ n: 3, families: 1 });
    });

    it('revokes the whole family when a rotated token comes back, and records it', async () => {
      const first = await login(app.baseUrl, 'agent1@rapport.test');
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      const stolen = await refresh(first.refreshToken);
      expect(stolen.status).toBe(401);
      expect(stolen.body.message).toMatch(/used already/);
      // The thief's use ended the legitimate session too.
      expect((await refresh(second.body.refreshToken)).status).toBe(401);
      const familyId = (await db.query('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [sha256(first.refreshToken)])).rows[0].family_id as string;
      const [reused] = (await auditOf('action=auth.refresh_reused')).filter((e) => e.details.familyId === familyId);
      expect(reused).toMatchObject({ actorId: first.user.id, targetId: first.user.id });
    });

    it('logs out: the refresh token stops working, and the sign-out is recorded', async () => {
      const session = await login(app.baseUrl, 'agent1@rapport.test');
      const out = await client(app.baseUrl).post('/api/auth/logout', { refreshToken: session.refreshToken });
      expect(out.status).toBe(204);
      expect((await refresh(session.refreshToken)).status).toBe(401);
      // Signing out twice, or with a token the server never gave, changes nothing.
      expect((await client(app.baseUrl).post('/api/auth/logout', { refreshToken: session.refreshToken })).status).toBe(204);
      expect((await client(app.baseUrl).post('/api/auth/logout', { refreshToken: 'never-issued' })).status).toBe(204);
      const logouts = await auditOf(`action=auth.logout&actorId=${session.user.id}`);
      expect(logouts).toHaveLength(1);
    });

    it('answers 401 to an unknown refresh token and 400 to a missing one', async () => {
      expect((await refresh('never-issued')).status).toBe(401);
      const missing = await client(app.baseUrl).post<ApiError>('/api/auth/refresh', {});
      expect(missing.status).toBe(400);
      expect(missing.body.message).toMatch(/refreshToken/);
    });
  });

  describe('deactivation', () => {
    it('ends every session at once, refuses the sign-in, and hands their open work back to routing', async () => {
      const teams = (await asAdmin().get<Team[]>('/api/teams')).body;
      const care = teams.find((t) => t.name === 'Care')!;
      const created = await asAdmin().post<UserAccount>('/api/users', { email: 'dana@rapport.test', name: 'Dana Quit', role: 'agent', password: 'dana-long-password', teamIds: [care.id] });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: 'dana@rapport.test', role: 'agent', active: true });
      const [createdEntry] = await auditOf(`action=user.created&targetId=${created.body.id}`);
      expect(createdEntry).toMatchObject({ actorId: admin.user.id, details: { email: 'dana@rapport.test', role: 'agent', teamIds: [care.id] } });
      expect(JSON.stringify(createdEntry)).not.toContain('dana-long-password');

      const dana = (await client(app.baseUrl).post<LoginResponse>('/api/auth/login', { email: 'dana@rapport.test', password: 'dana-long-password' })).body;
      const danaSocket = await socketOf(dana.accessToken);
      // Dana is the only agent online: the new conversation is hers.
      expect((await postApiMessage(app.baseUrl, { id: 'dana-1', from: { id: 'cust-dana', name: 'Customer Of Dana' }, text: 'Where is my parcel?' })).status).toBe(200);
      const lead = await login(app.baseUrl, 'lead@rapport.test');
      const asLead = client(app.baseUrl, lead.accessToken);
      const conversation = await eventually(
        async () => (await asLead.get<Page<Conversation>>(`/api/conversations?assignee=${dana.user.id}&status=open`)).body.items[0],
        10000,
        'the conversation to be routed to Dana',
      );
      // A colleague comes online to take it over.
      const agent1 = await login(app.baseUrl, 'agent1@rapport.test');
      await socketOf(agent1.accessToken);

      const closed = closedByServer(danaSocket);
      const deactivated = await asAdmin().patch<UserAccount>(`/api/users/${dana.user.id}`, { active: false });
      expect(deactivated.status).toBe(200);
      expect(deactivated.body).toMatchObject({ id: dana.user.id, active: false });
      expect(await closed).toBe('io server disconnect');

      const refused = await client(app.baseUrl, dana.accessToken).get<ApiError>('/api/auth/me');
      expect(refused.status).toBe(401);
      await expect(connectSocket(app.baseUrl, dana.accessToken)).rejects.toThrow(/unauthorized/);
      const again = await signIn(app.baseUrl, 'dana@rapport.test', 'dana-long-password');
      expect(again.status).toBe(401);
      expect((again.body as ApiError).message).toBe('This account is deactivated');
      expect((await client(app.baseUrl).post('/api/auth/refresh', { refreshToken: dana.refreshToken })).status).toBe(401);
      expect((await db.query('SELECT count(*)::int AS n FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL', [dana.user.id])).rows[0].n).toBe(0);

      const moved = await eventually(async () => {
        const now = (await asLead.get<Conversation>(`/api/conversations/${conversation.id}`)).body;
        return now.assigneeId !== dana.user.id ? now : undefined;
      }, 10000, 'the conversation to leave Dana');
      expect(moved.assigneeId).toBe(agent1.user.id);
      // Nobody assigns a deactivated agent by hand either.
      const byHand = await asLead.post<ApiError>(`/api/conversations/${conversation.id}/assign`, { assigneeId: dana.user.id });
      expect(byHand.status).toBe(400);
      expect(byHand.body.message).toMatch(/deactivated/);
      // The team view no longer lists her.
      expect((await asLead.get<Agent[]>('/api/agents')).body.map((a) => a.id)).not.toContain(dana.user.id);

      expect(await auditOf(`action=user.deactivated&targetId=${dana.user.id}`)).toHaveLength(1);
      expect(await auditOf(`action=user.updated&targetId=${dana.user.id}`)).toHaveLength(0);

      const reactivated = await asAdmin().patch<UserAccount>(`/api/users/${dana.user.id}`, { active: true });
      expect(reactivated.body.active).toBe(true);
      expect((await signIn(app.baseUrl, 'dana@rapport.test', 'dana-long-password')).status).toBe(200);
      expect(await auditOf(`action=user.reactivated&targetId=${dana.user.id}`)).toHaveLength(1);
      expect((await asAdmin().get<UserAccount[]>('/api/users')).body.find((u) => u.id === dana.user.id)).toMatchObject({ active: true });
    });

    it('refuses to deactivate yourself or to demote the last active admin, with the reason', async () => {
      const self = await asAdmin().patch<ApiError>(`/api/users/${admin.user.id}`, { active: false });
      expect(self.status).toBe(400);
      expect(self.body.message).toMatch(/your own account/);
      const demoted = await asAdmin().patch<ApiError>(`/api/users/${admin.user.id}`, { role: 'manager' });
      expect(demoted.status).toBe(400);
      expect(demoted.body.message).toMatch(/last active admin/);
      expect((await userNamed('admin@rapport.test')).role).toBe('admin');
      expect((await asAdmin().patch<ApiError>(`/api/users/${admin.user.id}`, { active: 'no' })).status).toBe(400);
    });
  });

  describe('role changes', () => {
    it('close the sockets, and the next request and the reconnect are of the new role', async () => {
      const agent4 = await login(app.baseUrl, 'agent4@rapport.test');
      const socket = await socketOf(agent4.accessToken);
      expect((await client(app.baseUrl, agent4.accessToken).get('/api/agents')).status).toBe(403);

      const closed = closedByServer(socket);
      const changed = await asAdmin().patch<UserAccount>(`/api/users/${agent4.user.id}`, { role: 'lead' });
      expect(changed.status).toBe(200);
      expect(await closed).toBe('io server disconnect');

      // Same token: the role is read on every request.
      expect((await client(app.baseUrl, agent4.accessToken).get('/api/agents')).status).toBe(200);
      expect((await client(app.baseUrl, agent4.accessToken).get<{ role: string }>('/api/auth/me')).body.role).toBe('lead');
      expect((await socketOf(agent4.accessToken)).connected).toBe(true);

      const [entry] = await auditOf(`action=user.updated&targetId=${agent4.user.id}`);
      expect(entry).toMatchObject({ actorId: admin.user.id, details: { fields: ['role'], role: { from: 'agent', to: 'lead' } } });
    });

    it('names a password change without recording the password', async () => {
      const agent2 = await userNamed('agent2@rapport.test');
      expect((await asAdmin().patch(`/api/users/${agent2.id}`, { password: 'a-brand-new-password', name: 'Sam Renamed' })).status).toBe(200);
      const [entry] = await auditOf(`action=user.updated&targetId=${agent2.id}`);
      expect(entry!.details).toEqual({ fields: ['name', 'password'], name: { from: agent2.name, to: 'Sam Renamed' } });
      expect(JSON.stringify(entry)).not.toContain('a-brand-new-password');
    });
  });

  describe('audit of team settings and assignments by hand', () => {
    it('records a change of team hours with what changed', async () => {
      const care = (await asAdmin().get<Team[]>('/api/teams')).body.find((t) => t.name === 'Care')!;
      expect((await asAdmin().patch(`/api/teams/${care.id}`, { timezone: 'Europe/Madrid', businessHours: { mon: [['09:00', '17:00']] } })).status).toBe(200);
      const [entry] = await auditOf(`action=team.updated&targetId=${care.id}`);
      expect(entry).toMatchObject({
        actorId: admin.user.id,
        targetType: 'team',
        details: { fields: ['timezone', 'businessHours'], timezone: { from: care.timezone, to: 'Europe/Madrid' }, businessHours: { from: care.businessHours, to: { mon: [['09:00', '17:00']] } } },
      });
      // The same settings again change nothing and record nothing.
      await asAdmin().patch(`/api/teams/${care.id}`, { timezone: 'Europe/Madrid' });
      expect(await auditOf(`action=team.updated&targetId=${care.id}`)).toHaveLength(1);
    });

    it('records an assignment by hand, not routing’s own', async () => {
      const lead = await login(app.baseUrl, 'lead@rapport.test');
      const asLead = client(app.baseUrl, lead.accessToken);
      expect((await postApiMessage(app.baseUrl, { id: 'by-hand-1', from: { id: 'cust-by-hand', name: 'By Hand' }, text: 'Can someone help me?' })).status).toBe(200);
      const conversation = await eventually(
        async () => (await asLead.get<Page<Conversation>>('/api/conversations?q=cust-by-hand')).body.items[0],
        10000,
        'the conversation to be stored',
      );
      const routed = await eventually(async () => {
        const now = (await asLead.get<Conversation>(`/api/conversations/${conversation.id}`)).body;
        return now.assigneeId ? now : undefined;
      }, 10000, 'routing to assign it');
      expect(await auditOf(`action=conversation.assigned&targetId=${conversation.id}`)).toHaveLength(0);

      const agent3 = await userNamed('agent3@rapport.test');
      expect((await asLead.post(`/api/conversations/${conversation.id}/assign`, { assigneeId: agent3.id })).status).toBe(200);
      const [entry] = await auditOf(`action=conversation.assigned&targetId=${conversation.id}`);
      expect(entry).toMatchObject({ actorId: lead.user.id, targetType: 'conversation', details: { from: routed.assigneeId, to: agent3.id, teamId: conversation.teamId } });
    });
  });
});

describe('sign-in throttling per address', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('locks the address after 20 failures across accounts, but not after 19', async () => {
    for (let i = 1; i <= 19; i++) expect((await signIn(app.baseUrl, `typo${i}@rapport.test`, WRONG)).status).toBe(401);
    expect((await signIn(app.baseUrl, 'agent1@rapport.test', PASSWORD)).status).toBe(200);
    expect((await signIn(app.baseUrl, 'typo20@rapport.test', WRONG)).status).toBe(401);
    const locked = await signIn(app.baseUrl, 'manager@rapport.test', PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(14 * 60);
    expect((locked.body as LoginThrottledError).message).toBe('Too many failed sign-ins: try again in 15 minutes');
  });
});
