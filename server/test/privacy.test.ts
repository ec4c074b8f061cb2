import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Job } from 'bullmq';
import pg from 'pg';
import type { AuditEntry, Conversation, CustomerExport, CustomerProfile, EraseResult, Page, ResponseTimesReport, Team } from '@rapport/shared';
import { QueueService } from '../src/core/queue.service.js';
import { jobIds, QueueName, type MaintenanceJob } from '../src/core/queues.js';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { MaintenanceProcessor } from '../src/modules/privacy/maintenance.processor.js';
import type { PurgeResult } from '../src/modules/privacy/retention.service.js';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startTestApp, storedMessage, type TestApp, type TestSocket } from './support/test-app.js';

type Api = ReturnType<typeof client>;

const META_SECRET = 'rapport-demo-meta-secret';
const PHONE_NUMBER_ID = 'pn-privacy-test';
const RETENTION_DAYS = 30;
/** Every table a customer's words or names could be in, and the columns of them that hold text. */
const PERSONAL_TABLES = ['messages', 'conversations', 'customers', 'customer_identities', 'events', 'follow_ups', 'customer_merges', 'erased_identities', 'dead_letters', 'audit_log'];

describe('customers’ data under their control: export, erasure, retention', () => {
  let app: TestApp;
  let db: pg.Client;
  let asManager: Api;
  let asAdmin: Api;
  let asAgent: Api;
  let asLead: Api;
  let managerToken: string;
  let counter = 0;

  beforeAll(async () => {
    app = await startTestApp({ RETENTION_DAYS: String(RETENTION_DAYS) });
    db = new pg.Client({ connectionString: app.config.DATABASE_URL });
    await db.connect();
    const [manager, admin, agent, lead] = await Promise.all(['manager', 'admin', 'agent1', 'lead'].map((who) => login(app.baseUrl, `${who}@rapport.test`)));
    managerToken = manager!.accessToken;
    asManager = client(app.baseUrl, managerToken);
    asAdmin = client(app.baseUrl, admin!.accessToken);
    asAgent = client(app.baseUrl, agent!.accessToken);
    asLead = client(app.baseUrl, lead!.accessToken);
    const care = (await asAdmin.get<Team[]>('/api/teams')).body.find((t) => t.name === 'Care')!;
    const channel = await asAdmin.post('/api/channels', { kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: PHONE_NUMBER_ID, accessToken: 'wa-token' }, teamId: care.id });
    expect(channel.status).toBe(201);
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  async function conversationOf(externalId: string): Promise<Conversation> {
    const { conversationId } = await storedMessage(db, externalId, 15000);
    return (await asManager.get<Conversation>(`/api/conversations/${conversationId}`)).body;
  }

  async function apiSays(sender: string, text: string, name?: string): Promise<Conversation> {
    const id = `privacy-${++counter}`;
    expect((await postApiMessage(app.baseUrl, { id, from: { id: sender, ...(name ? { name } : {}) }, text })).status).toBe(200);
    return conversationOf(id);
  }

  /** A WhatsApp photo with a caption (their wa_id is their phone number). */
  async function whatsappPhoto(waId: string, name: string, caption: string, url: string): Promise<Conversation> {
    const id = `wamid.privacy-${++counter}`;
    const raw = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'waba-1',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_NUMBER_ID },
                contacts: [{ profile: { name }, wa_id: waId }],
                messages: [{ from: waId, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'image', image: { id: `media-${counter}`, url, mime_type: 'image/jpeg', caption } }],
              },
            },
          ],
        },
      ],
    });
    const response = await fetch(`${app.baseUrl}/webhooks/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${hmacSha256Hex(META_SECRET, raw)}` },
      body: raw,
    });
    expect(response.status).toBe(200);
    return conversationOf(id);
  }

  async function reply(conversationId: string, text: string, isPrivate = false): Promise<void> {
    expect((await asManager.post(`/api/conversations/${conversationId}/messages`, { text, private: isPrivate })).status).toBe(201);
  }

  async function resolve(conversationId: string): Promise<void> {
    expect((await asManager.post(`/api/conversations/${conversationId}/status`, { status: 'resolved' })).status).toBe(200);
  }

  async function exportOf(customerId: string, token = managerToken): Promise<Response> {
    return fetch(`${app.baseUrl}/api/customers/${customerId}/export`, { headers: { authorization: `Bearer ${token}` } });
  }

  const auditOf = async (action: string, targetId: string): Promise<AuditEntry[]> => (await asAdmin.get<Page<AuditEntry>>(`/api/audit?action=${action}&targetId=${targetId}`)).body.items;

  /** Response times from a day before the tests to a day after, by agent: what a manager's report shows. */
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 86_400_000).toISOString();
  const report = async (): Promise<ResponseTimesReport> => {
    const response = await asManager.get<ResponseTimesReport>(`/api/metrics/response-times?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=agent`);
    expect(response.status).toBe(200);
    return response.body;
  };

  /** The rows every figure is computed from. */
  const figures = async (): Promise<Record<string, number>> => {
    const { rows } = await db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM clock_facts) AS clock_facts, (SELECT count(*)::int FROM clock_values) AS clock_values,
              (SELECT count(*)::int FROM sla_breaches) AS sla_breaches, (SELECT count(*)::int FROM assignments) AS assignments,
              (SELECT coalesce(sum(inbound + outbound), 0)::int FROM message_volume) AS volume`,
    );
    return rows[0]!;
  };

  describe('export', () => {
    let conversation: Conversation;

    beforeAll(async () => {
      conversation = await apiSays('export-web', 'Hello, I would like a copy of my data', 'Ellis Export');
      await reply(conversation.id, 'Of course, Ellis.');
      await reply(conversation.id, 'They asked under the GDPR', true);
    });

    it('holds the profile, every identity, every message and note, served as a download', async () => {
      const response = await exportOf(conversation.customerId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="customer-${conversation.customerId}.json"`);
      const document = (await response.json()) as CustomerExport;
      expect(Date.parse(document.exportedAt)).not.toBeNaN();
      expect(document.customer).toMatchObject({ id: conversation.customerId, name: 'Ellis Export', tier: 'standard', tags: [], notes: null, doNotContact: false, erasedAt: null });
      expect(document.identities).toEqual([expect.objectContaining({ channelKind: 'api', externalId: 'export-web', displayName: 'Ellis Export' })]);
      expect(document.conversations).toHaveLength(1);
      const [exported] = document.conversations;
      expect(exported).toMatchObject({ id: conversation.id, customerId: conversation.customerId, channelKind: 'api' });
      expect(exported!.messages.map((m) => [m.authorType, m.private, m.text])).toEqual([
        ['customer', false, 'Hello, I would like a copy of my data'],
        ['agent', false, 'Of course, Ellis.'],
        ['agent', true, 'They asked under the GDPR'],
      ]);
      expect(exported!.messages[0]).toMatchObject({ authorName: 'Ellis Export', externalId: expect.stringMatching(/^privacy-/), attachments: [] });
      expect(exported!.messages[1]!.authorName).toBe('Morgan Reyes');
      expect(document.followUps).toEqual([]);
      expect(document.merges).toEqual([]);
    });

    it('lets admins and managers export; agents and leads get 403, an unknown customer 404, a bad id 400', async () => {
      expect((await exportOf(conversation.customerId, (await login(app.baseUrl, 'admin@rapport.test')).accessToken)).status).toBe(200);
      expect((await exportOf(conversation.customerId, (await login(app.baseUrl, 'agent1@rapport.test')).accessToken)).status).toBe(403);
      expect((await exportOf(conversation.customerId, (await login(app.baseUrl, 'lead@rapport.test')).accessToken)).status).toBe(403);
      expect((await exportOf('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await exportOf('not-an-id')).status).toBe(400);
    });

    it('writes a thread of ten thousand messages out a page at a time, in thread order', async () => {
      const long = await apiSays('export-long', 'The first of many', 'Lena Long');
      await db.query(
        `INSERT INTO messages (conversation_id, channel_id, direction, author_type, text, status, sent_at)
         SELECT $1, $2, 'inbound', 'customer', 'bulk ' || g, 'delivered', now() + g * interval '1 millisecond' FROM generate_series(1, 10000) g`,
        [long.id, long.channelId],
      );
      const response = await exportOf(long.customerId);
      expect(response.status).toBe(200);
      const document = (await response.json()) as CustomerExport;
      const messages = document.conversations[0]!.messages;
      expect(messages).toHaveLength(10001);
      expect(messages[0]!.text).toBe('The first of many');
      expect(messages[1]!.text).toBe('bulk 1');
      expect(messages[10000]!.text).toBe('bulk 10000');
      expect(new Set(messages.map((m) => m.id)).size).toBe(10001);
    });

    it('records each export: who, when, from where, and how much', async () => {
      const entries = await auditOf('customer.exported', conversation.customerId);
      expect(entries.length).toBeGreaterThanOrEqual(2);
      expect(entries.map((e) => e.actorEmail)).toEqual(expect.arrayContaining(['manager@rapport.test', 'admin@rapport.test']));
      expect(entries[0]).toMatchObject({ targetType: 'customer', ip: expect.any(String), details: { conversations: 1, messages: 3 } });
    });
  });

  describe('erasure', () => {
    /** What must be gone everywhere: her names, handle, platform ids, contact details and words. */
    const TRACES = ['Zelda', 'Quillfeather', 'zelda_q', 'zelda-web', '34600999888', 'zelda@quill', '600 999', 'XQ-7781', 'Zeldy', 'mornings', 'zelda-receipt', 'zelda.png'];
    let web: Conversation;
    let onWhatsApp: Conversation;
    let reportBefore: ResponseTimesReport;
    let figuresBefore: Record<string, number>;
    let socket: TestSocket;
    let heard: ReturnType<typeof recordEvents>;
    let erased: { status: number; body: EraseResult };

    /** Each text column of the personal tables holding one of the traces, as `table.column: trace`. */
    async function tracesLeft(): Promise<string[]> {
      const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name = ANY($1) AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY')
         ORDER BY table_name, column_name`,
        [PERSONAL_TABLES],
      );
      expect(columns.length).toBeGreaterThan(30);
      const found: string[] = [];
      for (const { table_name: table, column_name: column } of columns) {
        for (const trace of TRACES) {
          const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%'`, [trace]);
          if (rows[0]!.n > 0) found.push(`${table}.${column}: ${trace}`);
        }
      }
      return found;
    }

    beforeAll(async () => {
      web = await apiSays('zelda-web', 'My parcel code is XQ-7781, where is it?', 'Zelda Quillfeather');
      onWhatsApp = await whatsappPhoto('34600999888', 'Zelda Quillfeather', 'Receipt for XQ-7781', 'https://cdn.example/zelda-receipt.jpg');
      await reply(web.id, 'Hello Zelda, XQ-7781 ships today.');
      await reply(web.id, 'Zelda called about XQ-7781 twice', true);
      await resolve(web.id);
      await reply(onWhatsApp.id, 'Thanks Zelda, we have your receipt.');
      const dueAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
      expect((await asManager.post(`/api/conversations/${onWhatsApp.id}/follow-ups`, { dueAt, note: 'Call Zelda Quillfeather back about XQ-7781' })).status).toBe(201);
      const patched = await asManager.patch(`/api/customers/${web.customerId}`, {
        email: 'zelda@quill.example',
        phone: '+34 600 999 888',
        notes: 'Zelda prefers mornings',
        tags: ['quillfeather'],
        preferences: { nickname: 'Zeldy' },
      });
      expect(patched.status).toBe(200);
      // A handle and an avatar, as a platform's profile would have named them.
      await db.query("UPDATE customer_identities SET handle = 'zelda_q', avatar_url = 'https://cdn.example/zelda.png' WHERE external_id = 'zelda-web'");
      expect((await asManager.post(`/api/customers/${web.customerId}/merge`, { customerId: onWhatsApp.customerId })).status).toBe(200);

      const found = await asManager.get<Page<Conversation>>('/api/conversations?q=XQ-7781');
      expect(found.body.items.map((c) => c.id).sort()).toEqual([web.id, onWhatsApp.id].sort());
      // The check below would find her everywhere now.
      expect(await tracesLeft()).toEqual(
        expect.arrayContaining([
          'customers.name: Quillfeather',
          'customers.email: zelda@quill',
          'customer_identities.handle: zelda_q',
          'customer_identities.external_id: 34600999888',
          'messages.text: XQ-7781',
          'messages.attachments: zelda-receipt',
          'conversations.last_message_preview: Zelda',
          'follow_ups.note: Quillfeather',
          'events.payload: XQ-7781',
          'events.payload: Quillfeather',
          'events.payload: zelda_q',
        ]),
      );
      reportBefore = await report();
      figuresBefore = await figures();
      socket = await connectSocket(app.baseUrl, managerToken);
      heard = recordEvents(socket);
    });

    afterAll(() => {
      socket?.disconnect();
    });

    it('asks for a confirmation, is for admins and managers only, and answers 404 for an unknown customer', async () => {
      const unconfirmed = await asManager.post<{ message: string }>(`/api/customers/${web.customerId}/erase`, {});
      expect(unconfirmed.status).toBe(400);
      expect(unconfirmed.body.message).toMatch(/confirm/);
      expect((await asManager.post(`/api/customers/${web.customerId}/erase`, { confirm: 'yes' })).status).toBe(400);
      expect((await asAgent.post(`/api/customers/${web.customerId}/erase`, { confirm: true })).status).toBe(403);
      expect((await asLead.post(`/api/customers/${web.customerId}/erase`, { confirm: true })).status).toBe(403);
      expect((await asManager.post('/api/customers/00000000-0000-4000-8000-000000000000/erase', { confirm: true })).status).toBe(404);
      // The merged-away customer is a tombstone: its id names where it went.
      const tombstone = await asManager.post<{ mergedIntoId: string }>(`/api/customers/${onWhatsApp.customerId}/erase`, { confirm: true });
      expect(tombstone.status).toBe(404);
      expect(tombstone.body.mergedIntoId).toBe(web.customerId);
    });

    it('erases the customer with both accounts and answers what it touched', async () => {
      erased = await asManager.post<EraseResult>(`/api/customers/${web.customerId}/erase`, { confirm: true });
      expect(erased.status).toBe(200);
      expect(erased.body).toEqual({ conversations: 2, messages: 5, identities: 2 });
    });

    it('leaves no trace of her names, handle, platform ids, details or words in any table', async () => {
      expect(await tracesLeft()).toEqual([]);
    });

    it('finds nothing by search for her words or her name', async () => {
      for (const q of ['XQ-7781', 'Quillfeather', 'receipt']) {
        const found = await asManager.get<Page<Conversation>>(`/api/conversations?q=${encodeURIComponent(q)}`);
        expect(found.status).toBe(200);
        expect(found.body.items.filter((c) => c.id === web.id || c.id === onWhatsApp.id)).toEqual([]);
      }
    });

    it('keeps every figure: the same report, the same clock, SLA, assignment and volume rows', async () => {
      expect(await report()).toEqual(reportBefore);
      expect(await figures()).toEqual(figuresBefore);
      const statuses = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM messages WHERE conversation_id = ANY($1) GROUP BY status ORDER BY status', [[web.id, onWhatsApp.id]]);
      expect(statuses.rows.reduce((sum, r) => sum + r.n, 0)).toBe(5);
    });

    it('shows the customer as erased, and open inboxes hear it at once', async () => {
      const profile = await asManager.get<CustomerProfile>(`/api/customers/${web.customerId}`);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ name: 'Erased customer', email: null, phone: null, notes: null, tags: [], preferences: {}, doNotContact: true, erasedAt: expect.any(String) });
      expect(profile.body.identities.map((i) => [i.handle, i.displayName, i.avatarUrl])).toEqual([
        ['[erased]', null, null],
        ['[erased]', null, null],
      ]);
      for (const identity of profile.body.identities) expect(identity.externalId).toMatch(/^erased:/);
      expect(profile.body.conversations.map((c) => c.lastMessagePreview)).toEqual(['[erased]', '[erased]']);
      const messages = await asManager.get<{ items: Array<{ text: string; attachments: unknown[]; authorName: string | null }> }>(`/api/conversations/${web.id}/messages`);
      expect(messages.body.items.map((m) => m.text)).toEqual(['[erased]', '[erased]', '[erased]']);
      expect(messages.body.items[0]!.authorName).toBe('Erased customer');
      await eventually(() => heard.some((e) => e.type === 'customer.updated' && e.payload.customerId === web.customerId), 5000, 'customer.updated');
      const updated = await eventually(
        () => {
          const ids = new Set(heard.filter((e) => e.type === 'conversation.updated').map((e) => (e.payload.conversation as Conversation).id));
          return ids.has(web.id) && ids.has(onWhatsApp.id) ? heard.filter((e) => e.type === 'conversation.updated') : undefined;
        },
        5000,
        'conversation.updated of both conversations',
      );
      for (const event of updated) expect((event.payload.conversation as Conversation).customer).toMatchObject({ name: 'Erased customer', handle: '[erased]', avatarUrl: null });
      // The scheduled follow-up will not bring the conversation back.
      const followUps = await db.query<{ status: string; note: string }>('SELECT status, note FROM follow_ups WHERE conversation_id = $1', [onWhatsApp.id]);
      expect(followUps.rows).toEqual([{ status: 'cancelled', note: '[erased]' }]);
    });

    it('remembers each platform identity only as a hash', async () => {
      const { rows } = await db.query<{ hash: string }>('SELECT hash FROM erased_identities');
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
      const { rows: merges } = await db.query('SELECT 1 FROM customer_merges WHERE target_id = $1 OR source_id = $1', [web.customerId]);
      expect(merges).toEqual([]);
    });

    it('exports the erased customer as what is left', async () => {
      const document = (await (await exportOf(web.customerId)).json()) as CustomerExport;
      expect(document.customer).toMatchObject({ name: 'Erased customer', erasedAt: expect.any(String) });
      expect(document.conversations.flatMap((c) => c.messages.map((m) => m.text))).toEqual(Array(5).fill('[erased]'));
      expect(JSON.stringify(document)).not.toMatch(/Zelda|XQ-7781/);
    });

    it('records the merge and the erasure, with counts and no personal data', async () => {
      const merges = await auditOf('customer.merged', web.customerId);
      expect(merges).toHaveLength(1);
      expect(merges[0]).toMatchObject({ actorEmail: 'manager@rapport.test', details: { sourceId: onWhatsApp.customerId, identities: 1, conversations: 1 } });
      const erasures = await auditOf('customer.erased', web.customerId);
      expect(erasures).toHaveLength(1);
      expect(erasures[0]).toMatchObject({ actorEmail: 'manager@rapport.test', targetType: 'customer', details: { conversations: 2, messages: 5, identities: 2, followUpsCancelled: 1, mergedCustomers: 1 } });
      expect(JSON.stringify(erasures[0])).not.toMatch(/Zelda|XQ-7781/);
    });

    it('makes a new customer of the same person writing again, never the erased one', async () => {
      const again = await apiSays('zelda-web', 'Hello again', 'Zelda Quillfeather');
      expect(again.customerId).not.toBe(web.customerId);
      expect(again.id).not.toBe(web.id);
      expect(again.customer.name).toBe('Zelda Quillfeather');
      const erasedProfile = (await asManager.get<CustomerProfile>(`/api/customers/${web.customerId}`)).body;
      expect(erasedProfile.stats.conversations).toBe(2);
    });

    it('refuses to merge an erased customer', async () => {
      const other = await apiSays('merge-later', 'Hi there', 'Someone Else');
      const merge = await asManager.post<{ message: string }>(`/api/customers/${other.customerId}/merge`, { customerId: web.customerId });
      expect(merge.status).toBe(400);
      expect(merge.body.message).toMatch(/erased/);
    });
  });

  describe('retention', () => {
    const DAY_MS = 86_400_000;
    let old: Conversation;
    let oldOfKept: Conversation;
    let openOfKept: Conversation;
    let recent: Conversation;
    let reportBefore: ResponseTimesReport;
    let oldClockValues: number;
    let purged: PurgeResult;

    const eventsOf = async (conversationId: string): Promise<number> =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE payload->>'conversationId' = $1 OR payload->'conversation'->>'id' = $1`, [conversationId])).rows[0]!.n;
    const exists = async (table: string, id: string): Promise<boolean> => ((await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount ?? 0) > 0;

    beforeAll(async () => {
      old = await apiSays('retention-old', 'An old question', 'Olga Old');
      await reply(old.id, 'An old answer');
      await resolve(old.id);
      oldOfKept = await apiSays('retention-kept', 'A question long ago', 'Karl Kept');
      await reply(oldOfKept.id, 'An answer long ago');
      await resolve(oldOfKept.id);
      openOfKept = await apiSays('retention-kept', 'And a question today', 'Karl Kept');
      recent = await apiSays('retention-recent', 'A question this week', 'Rita Recent');
      await reply(recent.id, 'An answer this week');
      await resolve(recent.id);
      // Resolved past the limit, as if forty days had gone by.
      await db.query("UPDATE conversations SET resolved_at = now() - interval '40 days' WHERE id = ANY($1)", [[old.id, oldOfKept.id]]);
      await db.query("UPDATE conversations SET resolved_at = now() - interval '29 days' WHERE id = $1", [recent.id]);
      expect(await eventsOf(old.id)).toBeGreaterThan(0);
      oldClockValues = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM clock_values WHERE conversation_id = ANY($1)', [[old.id, oldOfKept.id]])).rows[0]!.n;
      expect(oldClockValues).toBeGreaterThan(0);
      reportBefore = await report();
      const processor = app.app.context.get(MaintenanceProcessor);
      purged = await processor.process({ data: { type: 'retention' } } as Job<MaintenanceJob>);
    });

    it('deletes the conversations resolved past the limit, with their messages and events', async () => {
      expect(purged).toMatchObject({ conversations: 2, messages: 4 });
      expect(Date.parse(purged.cutoff!)).toBeCloseTo(Date.now() - RETENTION_DAYS * DAY_MS, -4);
      for (const c of [old, oldOfKept]) {
        expect(await exists('conversations', c.id)).toBe(false);
        expect((await db.query('SELECT 1 FROM messages WHERE conversation_id = $1', [c.id])).rowCount).toBe(0);
        expect(await eventsOf(c.id)).toBe(0);
      }
      expect((await asManager.get(`/api/conversations/${old.id}`)).status).toBe(404);
    });

    it('keeps recent resolved and open conversations, and the customer who still has one', async () => {
      expect(await exists('conversations', recent.id)).toBe(true);
      expect(await exists('conversations', openOfKept.id)).toBe(true);
      expect(await eventsOf(recent.id)).toBeGreaterThan(0);
      const kept = (await asManager.get<CustomerProfile>(`/api/customers/${openOfKept.customerId}`)).body;
      expect(kept.conversations.map((c) => c.id)).toEqual([openOfKept.id]);
      expect(kept.identities).toHaveLength(1);
    });

    it('removes the customer left with nothing, identities and all', async () => {
      expect(purged.customers).toBe(1);
      expect(await exists('customers', old.customerId)).toBe(false);
      expect((await db.query("SELECT 1 FROM customer_identities WHERE external_id = 'retention-old'")).rowCount).toBe(0);
      expect((await asManager.get(`/api/customers/${old.customerId}`)).status).toBe(404);
    });

    it('keeps the figures: clock values stay for the reports, unlinked', async () => {
      expect(await report()).toEqual(reportBefore);
      const unlinked = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM clock_values WHERE conversation_id IS NULL')).rows[0]!.n;
      expect(unlinked).toBe(oldClockValues);
    });

    it('records what it purged, as the system', async () => {
      const entries = (await asAdmin.get<Page<AuditEntry>>('/api/audit?action=retention.purged')).body.items;
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ actorId: null, actorEmail: null, details: { conversations: 2, messages: 4, customers: 1, retentionDays: RETENTION_DAYS } });
    });

    it('runs again with nothing left to do', async () => {
      const again = await app.app.context.get(MaintenanceProcessor).process({ data: { type: 'retention' } } as Job<MaintenanceJob>);
      expect(again).toMatchObject({ conversations: 0, messages: 0, customers: 0, events: 0 });
    });

    it('is scheduled once a day under one id', async () => {
      const scheduler = await app.app.context.get(QueueService).queue(QueueName.Maintenance).getJobScheduler(jobIds.retentionScheduler);
      expect(scheduler).toMatchObject({ key: 'retention-daily', pattern: '30 3 * * *' });
    });
  });
});
