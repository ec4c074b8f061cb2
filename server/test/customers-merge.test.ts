import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ApiError, Conversation, CustomerMatch, CustomerProfile, LoginResponse, MergeSuggestion, Message, Team } from '@rapport/shared';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startAppWithDatabase, storedMessage, type TestApp, type TestSocket } from './support/test-app.js';

type Api = ReturnType<typeof client>;

const META_SECRET = 'rapport-demo-meta-secret';
const PHONE_NUMBER_ID = 'pn-merge-test';

describe('one customer across channels', () => {
  let app: TestApp;
  let db: pg.Client;
  let agent1: LoginResponse;
  let asAgent1: Api;
  let asLead: Api;
  let asManager: Api;
  let socket: TestSocket;
  let heard: ReturnType<typeof recordEvents>;
  let counter = 0;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, db, manager: asManager, close } = await startAppWithDatabase());
    const [a1, lead, manager, admin] = await Promise.all(['agent1', 'lead', 'manager', 'admin'].map((who) => login(app.baseUrl, `${who}@rapport.test`)));
    agent1 = a1!;
    asAgent1 = client(app.baseUrl, agent1.accessToken);
    asLead = client(app.baseUrl, lead!.accessToken);
    const asAdmin = client(app.baseUrl, admin!.accessToken);
    const care = (await asAdmin.get<Team[]>('/api/teams')).body.find((t) => t.name === 'Care')!;
    const channel = await asAdmin.post('/api/channels', { kind: 'whatsapp', name: 'WhatsApp', config: { phoneNumberId: PHONE_NUMBER_ID, accessToken: 'wa-token' }, teamId: care.id });
    expect(channel.status).toBe(201);
    // A manager hears everything and is nobody's assignee: routing leaves the conversations to team Care.
    socket = await connectSocket(app.baseUrl, manager!.accessToken);
    heard = recordEvents(socket);
  });

  afterAll(async () => {
    socket?.disconnect();
    await close();
  });

  async function stored(externalId: string): Promise<Conversation> {
    const { conversationId } = await storedMessage(db, externalId, 15000);
    return (await asManager.get<Conversation>(`/api/conversations/${conversationId}`)).body;
  }

  /** A customer writes on the demo API channel; resolves with the conversation once stored. */
  async function apiSays(sender: string, text: string, name?: string): Promise<Conversation> {
    const id = `msg-${++counter}`;
    expect((await postApiMessage(app.baseUrl, { id, from: { id: sender, ...(name ? { name } : {}) }, text })).status).toBe(200);
    return stored(id);
  }

  /** A customer writes on WhatsApp (their wa_id is their phone number). */
  async function whatsappSays(waId: string, name: string, text: string): Promise<Conversation> {
    const id = `wamid.${++counter}`;
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
                messages: [{ from: waId, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
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
    return stored(id);
  }

  const profileOf = async (id: string, api: Api = asManager): Promise<CustomerProfile> => {
    const response = await api.get<CustomerProfile>(`/api/customers/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  };
  const messagesOf = async (conversationId: string): Promise<Message[]> => (await asManager.get<{ items: Message[] }>(`/api/conversations/${conversationId}/messages?limit=200`)).body.items;

  describe('merge and split', () => {
    let onApi: Conversation;
    let onWhatsApp: Conversation;
    let merged: CustomerProfile;

    beforeAll(async () => {
      onApi = await apiSays('ada-api', 'My parcel never arrived, can you check?', 'Ada Lovelace');
      await apiSays('ada-api', 'Any news about my parcel?');
      onWhatsApp = await whatsappSays('34600123456', 'Ada Lovelace', 'Hello, I wrote to you on your website too');
      expect(onApi.customerId).not.toBe(onWhatsApp.customerId);
      expect((await asAgent1.patch(`/api/customers/${onApi.customerId}`, { notes: 'Prefers email', tags: ['refund'], preferences: { channel: 'email' }, phone: '+34 600 123 456' })).status).toBe(200);
      expect((await asLead.patch(`/api/customers/${onWhatsApp.customerId}`, { tier: 'vip', notes: 'Promised a voucher', tags: ['late', 'refund'], preferences: { channel: 'whatsapp', tone: 'formal' } })).status).toBe(200);
    });

    it('suggests the WhatsApp customer with the same name and phone, and never merges by itself', async () => {
      const suggestions = await asAgent1.get<MergeSuggestion[]>(`/api/customers/${onApi.customerId}/merge-suggestions`);
      expect(suggestions.status).toBe(200);
      expect(suggestions.body).toEqual([{ customer: expect.objectContaining({ id: onWhatsApp.customerId, name: 'Ada Lovelace' }), reasons: ['same name and phone'] }]);
      expect((await profileOf(onApi.customerId)).identities).toHaveLength(1);
      // And the other way round: their WhatsApp id is the phone on Ada's profile.
      const back = (await asAgent1.get<MergeSuggestion[]>(`/api/customers/${onWhatsApp.customerId}/merge-suggestions`)).body;
      expect(back.map((s) => s.customer.id)).toEqual([onApi.customerId]);
    });

    it('finds customers by name, handle or phone for the merge picker', async () => {
      const byName = await asAgent1.get<{ items: CustomerMatch[] }>('/api/customers?q=lovelace');
      expect(byName.body.items.map((c) => c.id).sort()).toEqual([onApi.customerId, onWhatsApp.customerId].sort());
      const byPhone = await asAgent1.get<{ items: CustomerMatch[] }>(`/api/customers?q=${encodeURIComponent('600 123 456')}`);
      expect(byPhone.body.items.map((c) => c.id).sort()).toEqual([onApi.customerId, onWhatsApp.customerId].sort());
      expect((await asAgent1.get<ApiError>('/api/customers?q=')).status).toBe(400);
      expect((await asAgent1.get<ApiError>(`/api/customers?q=${encodeURIComponent('ada\u0000')}`)).status).toBe(400);
    });

    it('refuses to merge a customer with itself, an unknown one, or a bad id', async () => {
      const itself = await asAgent1.post<ApiError>(`/api/customers/${onApi.customerId}/merge`, { customerId: onApi.customerId });
      expect(itself.status).toBe(400);
      expect(itself.body.message).toMatch(/itself/);
      expect((await asAgent1.post(`/api/customers/${onApi.customerId}/merge`, { customerId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
      expect((await asAgent1.post(`/api/customers/00000000-0000-4000-8000-000000000000/merge`, { customerId: onApi.customerId })).status).toBe(404);
      const bad = await asAgent1.post<ApiError>(`/api/customers/${onApi.customerId}/merge`, { customerId: 'nope' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/customerId/);
    });

    it('folds identities, conversations, notes, tags, tier and preferences into one customer', async () => {
      const since = heard.length;
      const response = await asAgent1.post<CustomerProfile>(`/api/customers/${onApi.customerId}/merge`, { customerId: onWhatsApp.customerId });
      expect(response.status).toBe(200);
      merged = response.body;
      expect(merged.id).toBe(onApi.customerId);
      expect(merged.identities.map((i) => i.channelKind).sort()).toEqual(['api', 'whatsapp']);
      expect(merged.conversations.map((c) => c.id).sort()).toEqual([onApi.id, onWhatsApp.id].sort());
      expect(merged).toMatchObject({
        tier: 'vip',
        tags: ['refund', 'late'],
        notes: 'Prefers email\n\nPromised a voucher',
        preferences: { channel: 'email', tone: 'formal' },
        phone: '+34600123456',
        stats: { conversations: 2, openNow: 2 },
      });
      // Every message stays where it was, in its conversation, once.
      expect((await messagesOf(onApi.id)).map((m) => m.text)).toEqual(['My parcel never arrived, can you check?', 'Any news about my parcel?']);
      expect((await messagesOf(onWhatsApp.id)).map((m) => m.text)).toEqual(['Hello, I wrote to you on your website too']);
      const moved = (await asManager.get<Conversation>(`/api/conversations/${onWhatsApp.id}`)).body;
      expect(moved).toMatchObject({ customerId: onApi.customerId, customer: { id: onApi.customerId, tier: 'vip' } });
      const merges = await db.query('SELECT target_id, source_id, identity_ids FROM customer_merges');
      expect(merges.rows).toEqual([{ target_id: onApi.customerId, source_id: onWhatsApp.customerId, identity_ids: [merged.identities.find((i) => i.channelKind === 'whatsapp')!.id] }]);

      // Open threads hear it: the moved conversation's new customer, and the profile to fetch again.
      await eventually(() => heard.slice(since).some((e) => e.type === 'customer.updated'), 10000, 'customer.updated');
      const events = heard.slice(since);
      expect(events.find((e) => e.type === 'customer.updated')!.payload).toMatchObject({ customerId: onApi.customerId, mergedFromId: onWhatsApp.customerId });
      const updates = events.filter((e) => e.type === 'conversation.updated').map((e) => e.payload.conversation as Conversation);
      expect(updates.find((c) => c.id === onWhatsApp.id)).toMatchObject({ customerId: onApi.customerId });
    });

    it('answers 404 for the merged-away customer, naming where it went', async () => {
      const gone = await asManager.get<ApiError & { mergedIntoId: string }>(`/api/customers/${onWhatsApp.customerId}`);
      expect(gone.status).toBe(404);
      expect(gone.body.mergedIntoId).toBe(onApi.customerId);
      expect((await asManager.post(`/api/customers/${onWhatsApp.customerId}/merge`, { customerId: onApi.customerId })).status).toBe(404);
      expect((await asManager.post(`/api/customers/${onApi.customerId}/merge`, { customerId: onWhatsApp.customerId })).status).toBe(404);
      expect((await asManager.get<{ items: CustomerMatch[] }>('/api/customers?q=lovelace')).body.items.map((c) => c.id)).toEqual([onApi.customerId]);
    });

    it('files the next WhatsApp message under the merged customer', async () => {
      const next = await whatsappSays('34600123456', 'Ada Lovelace', 'Still waiting for my parcel');
      expect(next.id).toBe(onWhatsApp.id);
      expect(next.customerId).toBe(onApi.customerId);
      const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers c JOIN customer_identities i ON i.customer_id = c.id WHERE i.external_id = $1', ['34600123456']);
      expect(count.rows[0]!.n).toBe(1);
    });

    it('refuses to split off the only identity or one of another customer', async () => {
      const lonely = await apiSays('lonely-1', 'Just one account here, thanks for asking');
      const only = await asAgent1.post<ApiError>(`/api/customers/${lonely.customerId}/split`, { identityId: (await profileOf(lonely.customerId)).identities[0]!.id });
      expect(only.status).toBe(400);
      expect(only.body.message).toMatch(/only identity/);
      const other = await asAgent1.post<ApiError>(`/api/customers/${lonely.customerId}/split`, { identityId: merged.identities[0]!.id });
      expect(other.status).toBe(400);
      expect((await asAgent1.post(`/api/customers/${lonely.customerId}/split`, { identityId: 'x' })).status).toBe(400);
    });

    it('splits the WhatsApp identity back to the customer it came from', async () => {
      const since = heard.length;
      const whatsapp = merged.identities.find((i) => i.channelKind === 'whatsapp')!;
      const response = await asAgent1.post<CustomerProfile>(`/api/customers/${onApi.customerId}/split`, { identityId: whatsapp.id });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ id: onWhatsApp.customerId, tier: 'vip', notes: 'Promised a voucher', tags: ['late', 'refund'] });
      expect(response.body.identities.map((i) => i.id)).toEqual([whatsapp.id]);
      expect(response.body.conversations.map((c) => c.id)).toEqual([onWhatsApp.id]);
      const left = await profileOf(onApi.customerId);
      expect(left.identities.map((i) => i.channelKind)).toEqual(['api']);
      expect(left.conversations.map((c) => c.id)).toEqual([onApi.id]);
      expect((await messagesOf(onWhatsApp.id)).map((m) => m.text)).toEqual(['Hello, I wrote to you on your website too', 'Still waiting for my parcel']);
      expect((await asManager.get<Conversation>(`/api/conversations/${onWhatsApp.id}`)).body.customerId).toBe(onWhatsApp.customerId);
      expect((await db.query('SELECT identity_ids FROM customer_merges')).rows).toEqual([{ identity_ids: [] }]);
      await eventually(() => heard.slice(since).filter((e) => e.type === 'customer.updated').length >= 2, 10000, 'customer.updated twice');
      expect(heard.slice(since).filter((e) => e.type === 'customer.updated').map((e) => e.payload.customerId).sort()).toEqual([onApi.customerId, onWhatsApp.customerId].sort());
    });

    it('splits an identity that was never merged in off to a new customer', async () => {
      expect((await asAgent1.post(`/api/customers/${onWhatsApp.customerId}/merge`, { customerId: onApi.customerId })).status).toBe(200);
      const both = await profileOf(onWhatsApp.customerId);
      const own = both.identities.find((i) => i.channelKind === 'whatsapp')!;
      const response = await asAgent1.post<CustomerProfile>(`/api/customers/${onWhatsApp.customerId}/split`, { identityId: own.id });
      expect(response.status).toBe(200);
      expect(response.body.id).not.toBe(onWhatsApp.customerId);
      expect(response.body.id).not.toBe(onApi.customerId);
      expect(response.body).toMatchObject({ name: 'Ada Lovelace', tier: 'standard', identities: [expect.objectContaining({ id: own.id })] });
      expect(response.body.conversations.map((c) => c.id)).toEqual([onWhatsApp.id]);
      expect((await profileOf(onWhatsApp.customerId)).identities.map((i) => i.channelKind)).toEqual(['api']);
    });
  });

  describe('preferred language', () => {
    const spanish = ['Hola, mi pedido llegó roto y nadie responde a mis correos.', '¿Cuándo me van a devolver el dinero de mi compra?', 'Necesito una respuesta hoy mismo, por favor, es urgente.'];

    it('is learned from the customer’s messages until a person sets it', async () => {
      const first = await apiSays('lang-1', 'Hello, my order arrived broken and nobody answers my emails.', 'Lucía');
      let profile = await profileOf(first.customerId);
      expect(profile).toMatchObject({ preferredLanguage: 'en', preferredLanguageSource: 'learned' });
      for (const text of spanish) await apiSays('lang-1', text);
      profile = await profileOf(first.customerId);
      expect(profile).toMatchObject({ preferredLanguage: 'es', preferredLanguageSource: 'learned' });
      expect((await db.query('SELECT language_counts FROM customers WHERE id = $1', [first.customerId])).rows[0]).toEqual({ language_counts: { en: 1, es: 3 } });

      expect((await asAgent1.patch(`/api/customers/${first.customerId}`, { preferredLanguage: 'fr' })).body).toMatchObject({ preferredLanguage: 'fr', preferredLanguageSource: 'person' });
      for (const text of spanish) await apiSays('lang-1', text);
      expect(await profileOf(first.customerId)).toMatchObject({ preferredLanguage: 'fr', preferredLanguageSource: 'person' });

      // Cleared, it is learned again from what was counted meanwhile.
      expect((await asAgent1.patch(`/api/customers/${first.customerId}`, { preferredLanguage: null })).body).toMatchObject({ preferredLanguage: 'es', preferredLanguageSource: 'learned' });
    });

    it('short messages teach nothing', async () => {
      const first = await apiSays('lang-2', 'ok');
      expect(await profileOf(first.customerId)).toMatchObject({ preferredLanguage: null, preferredLanguageSource: null });
    });
  });

  describe('profile fields', () => {
    let conversation: Conversation;

    beforeAll(async () => {
      conversation = await apiSays('fields-1', 'I have a question about my subscription renewal', 'Grace Hopper');
    });

    it('agents edit tags, do-not-contact, timezone, contact hours, email and phone', async () => {
      const response = await asAgent1.patch<CustomerProfile>(`/api/customers/${conversation.customerId}`, {
        tags: ['Billing', ' billing', 'renewal'],
        doNotContact: true,
        timezone: 'America/New_York',
        contactHours: { days: [5, 1, 1, 3], from: '09:00', to: '17:30' },
        email: ' Grace@Example.COM ',
        phone: '+1 (555) 010-9999',
      });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        tags: ['billing', 'renewal'],
        doNotContact: true,
        timezone: 'America/New_York',
        contactHours: { days: [1, 3, 5], from: '09:00', to: '17:30' },
        email: 'grace@example.com',
        phone: '+15550109999',
      });
      expect(await profileOf(conversation.customerId)).toMatchObject({ doNotContact: true, tags: ['billing', 'renewal'] });
      expect((await asAgent1.patch<CustomerProfile>(`/api/customers/${conversation.customerId}`, { doNotContact: false, contactHours: null })).body).toMatchObject({ doNotContact: false, contactHours: null });
    });

    it.each([
      ['a timezone that is no IANA name', { timezone: 'Mars/Olympus' }, /timezone/],
      ['an offset for a timezone', { timezone: '+02:00' }, /timezone/],
      ['contact hours ending before they start', { contactHours: { days: [1], from: '18:00', to: '09:00' } }, /contactHours\.to/],
      ['a day 0', { contactHours: { days: [0], from: '09:00', to: '17:00' } }, /days/],
      ['no days', { contactHours: { days: [], from: '09:00', to: '17:00' } }, /day/],
      ['a time like 9am', { contactHours: { days: [1], from: '9am', to: '17:00' } }, /HH:MM/],
      ['a phone of letters', { phone: 'call me' }, /phone/],
      ['an email without @', { email: 'grace' }, /email/],
      ['doNotContact as text', { doNotContact: 'yes' }, /doNotContact/],
      ['a tag of 51 characters', { tags: ['x'.repeat(51)] }, /tags/],
      ['a NUL character in the notes', { notes: 'a\u0000b' }, /NUL character/],
      ['a NUL character in the preferences', { preferences: { channel: 'x\u0000' } }, /NUL character/],
    ])('answers 400 to %s', async (_what, body, reason) => {
      const response = await asAgent1.patch<ApiError>(`/api/customers/${conversation.customerId}`, body);
      expect(response.status).toBe(400);
      expect(response.body.message).toMatch(reason);
    });

    it('edits conversation tags live', async () => {
      const since = heard.length;
      const response = await asAgent1.patch<Conversation>(`/api/conversations/${conversation.id}`, { tags: ['Renewal', 'billing', 'renewal'] });
      expect(response.status).toBe(200);
      expect(response.body.tags).toEqual(['renewal', 'billing']);
      await eventually(() => heard.slice(since).some((e) => e.type === 'conversation.updated' && (e.payload.conversation as Conversation).tags.includes('billing')), 10000, 'conversation.updated');
      expect((await asAgent1.patch<ApiError>(`/api/conversations/${conversation.id}`, { tags: 'billing' })).status).toBe(400);
    });

    it('only leads, managers and admins change the tier', async () => {
      expect((await asAgent1.patch(`/api/customers/${conversation.customerId}`, { tier: 'vip' })).status).toBe(403);
      expect((await asLead.patch<CustomerProfile>(`/api/customers/${conversation.customerId}`, { tier: 'vip' })).body.tier).toBe('vip');
    });
  });

  describe('an agent of another team', () => {
    it('can neither see, edit, merge nor split that team’s customers, nor find them', async () => {
      const team = await db.query<{ id: string }>("INSERT INTO teams (name) VALUES ('Billing') RETURNING id");
      await db.query("INSERT INTO channels (kind, key, name, config, secrets, team_id) VALUES ('api', 'billing', 'Billing API', '{}', $1, $2)", [JSON.stringify({ secret: 'billing-secret' }), team.rows[0]!.id]);
      const id = `msg-${++counter}`;
      expect((await postApiMessage(app.baseUrl, { id, from: { id: 'billing-ada', name: 'Ada Lovelace' }, text: 'My invoice is wrong' }, { key: 'billing', secret: 'billing-secret' })).status).toBe(200);
      const billing = await stored(id);
      const mine = await apiSays('care-ada', 'Question about my order', 'Ada Lovelace');
      expect((await asAgent1.get(`/api/customers/${billing.customerId}`)).status).toBe(403);
      expect((await asAgent1.patch(`/api/customers/${billing.customerId}`, { tags: ['x'] })).status).toBe(403);
      expect((await asAgent1.post(`/api/customers/${mine.customerId}/merge`, { customerId: billing.customerId })).status).toBe(403);
      expect((await asAgent1.post(`/api/customers/${billing.customerId}/merge`, { customerId: mine.customerId })).status).toBe(403);
      expect((await asAgent1.get<{ items: CustomerMatch[] }>('/api/customers?q=lovelace')).body.items.map((c) => c.id)).not.toContain(billing.customerId);
      expect((await asManager.get<{ items: CustomerMatch[] }>('/api/customers?q=lovelace')).body.items.map((c) => c.id)).toContain(billing.customerId);
      // A lead of the other team cannot either; a manager merges across teams.
      expect((await asLead.post(`/api/customers/${mine.customerId}/merge`, { customerId: billing.customerId })).status).toBe(403);
      expect((await asManager.post(`/api/customers/${mine.customerId}/merge`, { customerId: billing.customerId })).status).toBe(200);
    });
  });
});
