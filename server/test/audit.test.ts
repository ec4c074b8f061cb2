import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type pg from 'pg';
import type { ApiError, AuditEntry, CustomerProfile, LoginResponse, Page } from '@rapport/shared';
import { client, login, postApiMessage, startAppWithDatabase, storedMessage, type TestApp } from './support/test-app.js';

type Api = ReturnType<typeof client>;

describe('the audit log: GET /api/audit', () => {
  let app: TestApp;
  let db: pg.Client;
  let close: () => Promise<void>;
  let asAdmin: Api;
  let asManager: Api;
  let manager: LoginResponse;
  let admin: LoginResponse;
  let customerId: string;
  let otherId: string;
  let startedAt: string;

  const exportCustomer = async (token: string, id: string): Promise<void> => {
    const response = await fetch(`${app.baseUrl}/api/customers/${id}/export`, { headers: { authorization: `Bearer ${token}`, 'user-agent': 'audit-test/1.0' } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  };

  const list = async (query: string, api: Api = asAdmin): Promise<Page<AuditEntry>> => {
    const response = await api.get<Page<AuditEntry>>(`/api/audit${query}`);
    expect(response.status).toBe(200);
    return response.body;
  };

  beforeAll(async () => {
    ({ app, db, close, manager: asManager } = await startAppWithDatabase());
    startedAt = new Date(Date.now() - 1000).toISOString();
    [manager, admin] = await Promise.all([login(app.baseUrl, 'manager@rapport.test'), login(app.baseUrl, 'admin@rapport.test')]);
    asAdmin = client(app.baseUrl, admin.accessToken);
    for (const [sender, id] of [['audit-ada', 'audit-1'], ['audit-bob', 'audit-2']] as const) {
      expect((await postApiMessage(app.baseUrl, { id, from: { id: sender, name: sender }, text: 'Hello' })).status).toBe(200);
    }
    const [first, second] = [await storedMessage(db, 'audit-1'), await storedMessage(db, 'audit-2')];
    customerId = (await db.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [first.conversationId])).rows[0]!.customer_id;
    otherId = (await db.query<{ customer_id: string }>('SELECT customer_id FROM conversations WHERE id = $1', [second.conversationId])).rows[0]!.customer_id;
    // Three exports by the manager, two by the admin, then a merge and a split: seven entries of ours.
    for (let i = 0; i < 3; i++) await exportCustomer(manager.accessToken, customerId);
    for (let i = 0; i < 2; i++) await exportCustomer(admin.accessToken, otherId);
    expect((await asManager.post(`/api/customers/${customerId}/merge`, { customerId: otherId })).status).toBe(200);
    const merged = (await asManager.get<CustomerProfile>(`/api/customers/${customerId}`)).body;
    const bobIdentity = merged.identities.find((i) => i.externalId === 'audit-bob')!;
    expect((await asManager.post(`/api/customers/${customerId}/split`, { identityId: bobIdentity.id })).status).toBe(200);
  });

  afterAll(() => close());

  it('is for admins only: managers, leads and agents get 403, no token 401', async () => {
    for (const who of ['manager', 'lead', 'agent1']) {
      const api = client(app.baseUrl, (await login(app.baseUrl, `${who}@rapport.test`)).accessToken);
      expect((await api.get('/api/audit')).status).toBe(403);
    }
    expect((await client(app.baseUrl).get('/api/audit')).status).toBe(401);
  });

  it('lists newest first: who, what, to what, when and from where', async () => {
    const { items } = await list('?limit=100');
    const ids = items.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    const split = items.find((e) => e.action === 'customer.split')!;
    expect(split).toMatchObject({ actorId: manager.user.id, actorEmail: 'manager@rapport.test', targetType: 'customer', targetId: customerId, ip: expect.any(String) });
    expect(split.details).toMatchObject({ destinationId: otherId, revived: true, conversations: 1 });
    const exported = items.find((e) => e.action === 'customer.exported' && e.actorEmail === 'admin@rapport.test')!;
    expect(exported).toMatchObject({ targetId: otherId, userAgent: 'audit-test/1.0', details: { conversations: 1, messages: 1 } });
    expect(Date.parse(exported.at)).toBeGreaterThanOrEqual(Date.parse(startedAt));
    // The split came after the merge, which came after the exports.
    const order = items.map((e) => e.action).filter((a) => a.startsWith('customer.'));
    expect(order.slice(0, 3)).toEqual(['customer.split', 'customer.merged', 'customer.exported']);
  });

  it('filters by action, actor, target and period', async () => {
    const exports = await list('?action=customer.exported');
    expect(exports.items).toHaveLength(5);
    expect(new Set(exports.items.map((e) => e.action))).toEqual(new Set(['customer.exported']));

    const byManager = await list(`?action=customer.exported&actorId=${manager.user.id}`);
    expect(byManager.items.map((e) => e.actorEmail)).toEqual(Array(3).fill('manager@rapport.test'));
    const byAdmin = await list(`?actorId=${admin.user.id}&action=customer.exported`);
    expect(byAdmin.items.map((e) => e.targetId)).toEqual([otherId, otherId]);

    const aboutCustomer = await list(`?targetId=${customerId}`);
    expect(aboutCustomer.items.map((e) => e.action)).toEqual(['customer.split', 'customer.merged', 'customer.exported', 'customer.exported', 'customer.exported']);

    const now = new Date(Date.now() + 1000).toISOString();
    expect((await list(`?action=customer.exported&from=${encodeURIComponent(startedAt)}&to=${encodeURIComponent(now)}`)).items).toHaveLength(5);
    expect((await list(`?action=customer.exported&from=${encodeURIComponent(now)}`)).items).toEqual([]);
    expect((await list(`?action=customer.exported&to=${encodeURIComponent(startedAt)}`)).items).toEqual([]);
  });

  it('pages with nextCursor: every entry once, in order, until the cursor is null', async () => {
    const all = (await list('?limit=100')).items.map((e) => e.id);
    expect(all.length).toBeGreaterThanOrEqual(7);
    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<AuditEntry> = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== null && pages < 100);
    expect(paged).toEqual(all);
    // With a filter too.
    const first = await list('?action=customer.exported&limit=3');
    expect(first.items).toHaveLength(3);
    const rest = await list(`?action=customer.exported&limit=3&cursor=${first.nextCursor}`);
    expect(rest.items).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.items, ...rest.items].map((e) => e.id)).size).toBe(5);
  });

  it.each([
    ['a limit above 100', '?limit=101', /limit/],
    ['a limit of 0', '?limit=0', /limit/],
    ['an unknown action', '?action=customer.deleted', /action must be one of/],
    ['an actor that is not a user id', '?actorId=manager', /actorId/],
    ['a date that is not ISO', '?from=yesterday', /from must be an ISO date-time/],
    ['a cursor not from this list', '?cursor=abc', /cursor/],
    ['a cursor beyond any id', '?cursor=99999999999999999999', /cursor/],
    ['a period that ends before it starts', `?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z`, /from must be before to/],
  ])('answers 400 with the reason for %s', async (_what, query, reason) => {
    const response = await asAdmin.get<ApiError>(`/api/audit${query}`);
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(reason);
  });
});
