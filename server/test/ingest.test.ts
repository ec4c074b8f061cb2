import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { ApiError, Conversation, CustomerProfile, Message, Page } from '@rapport/shared';
import { QueueService } from '../src/core/queue.service.js';
import { QueueName } from '../src/core/queues.js';
import { hmacSha256Hex } from '../src/modules/channels/signature.js';
import { API_SECRET, client, eventually, postApiMessage, startAppWithDatabase, type TestApp } from './support/test-app.js';

describe('ingest: the generic API channel webhook', () => {
  let app: TestApp;
  let db: pg.Client;
  let manager: ReturnType<typeof client>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ app, db, manager, close } = await startAppWithDatabase());
  });

  afterAll(() => close());

  /** Posts exact bytes to the demo channel, signed over them unless told otherwise. */
  function postRaw(raw: string, options: { contentType?: string; signature?: string | null; key?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json' };
    const signature = options.signature === undefined ? `sha256=${hmacSha256Hex(API_SECRET, raw)}` : options.signature;
    if (signature !== null) headers['x-rapport-signature'] = signature;
    return fetch(`${app.baseUrl}/webhooks/api/${options.key ?? 'demo'}`, { method: 'POST', headers, body: raw });
  }

  /** Resolves once the inbound queue holds no job waiting, running or waiting for a retry. */
  async function inboundSettled(): Promise<void> {
    const queue = app.app.context.get(QueueService).queue(QueueName.Inbound);
    await eventually(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      return Object.values(counts).every((n) => n === 0);
    }, 10000, 'the inbound queue to drain');
  }

  async function storedCount(externalId: string): Promise<number> {
    const result = await db.query<{ n: string }>('SELECT count(*) AS n FROM messages WHERE external_id = $1', [externalId]);
    return Number(result.rows[0]!.n);
  }

  /** Conversations of one sender on the demo channel, oldest first, as the manager's API shows them. */
  async function conversationsOf(fromId: string): Promise<Conversation[]> {
    const ids = await db.query<{ id: string }>(
      'SELECT c.id FROM conversations c JOIN customer_identities ci ON ci.id = c.identity_id WHERE ci.external_id = $1 ORDER BY c.created_at, c.id',
      [fromId],
    );
    return Promise.all(ids.rows.map(async ({ id }) => (await manager.get<Conversation>(`/api/conversations/${id}`)).body));
  }

  async function messagesOf(conversationId: string): Promise<Message[]> {
    return (await manager.get<{ items: Message[] }>(`/api/conversations/${conversationId}/messages`)).body.items;
  }

  async function waitForMessage(externalId: string): Promise<void> {
    await eventually(async () => (await storedCount(externalId)) > 0, 10000, `message ${externalId} stored`);
  }

  describe('a signed message', () => {
    it('answers 200 and the message shows up in the manager’s inbox', async () => {
      const response = await postApiMessage(app.baseUrl, { id: 'ing-1', from: { id: 'cust-ing-1', name: 'Grace Hopper' }, text: 'My order #1234 is late' });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: 'queued' });

      const found = await eventually(async () => {
        const page = await manager.get<Page<Conversation>>('/api/conversations?q=Grace%20Hopper');
        return page.body.items.length === 1 ? page.body.items[0] : undefined;
      }, 10000, 'the conversation in the inbox');
      expect(found).toMatchObject({
        channelKind: 'api',
        status: 'open',
        assigneeId: null,
        customer: { name: 'Grace Hopper', handle: 'cust-ing-1' },
        lastMessagePreview: 'My order #1234 is late',
        unreadCount: 1,
      });
      expect(found.waitingSince).not.toBeNull();

      const messages = await messagesOf(found.id);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({ direction: 'inbound', authorType: 'customer', text: 'My order #1234 is late', externalId: 'ing-1', status: 'delivered', private: false });
    });

    it('keeps the platform timestamp as the message time and unicode text as sent', async () => {
      const text = 'Ça ne marche pas 😡 — 配達されていません';
      expect((await postApiMessage(app.baseUrl, { id: 'ing-ts', from: { id: 'cust-ing-ts' }, text, timestamp: '2024-05-01T10:00:00+02:00' })).status).toBe(200);
      await waitForMessage('ing-ts');
      const [conversation] = await conversationsOf('cust-ing-ts');
      const [message] = await messagesOf(conversation!.id);
      expect(message!.text).toBe(text);
      expect(message!.sentAt).toBe('2024-05-01T08:00:00.000Z');
      expect(conversation!.customer.name).toBe('cust-ing-ts');
    });
  });

  describe('thread order', () => {
    it('places a late-delivered message by when the customer wrote it, not when it arrived', async () => {
      const now = Date.now();
      expect((await postApiMessage(app.baseUrl, { id: 'order-2', from: { id: 'order-cust' }, text: 'written second', timestamp: new Date(now).toISOString() })).status).toBe(200);
      await inboundSettled();
      expect((await postApiMessage(app.baseUrl, { id: 'order-1', from: { id: 'order-cust' }, text: 'written first', timestamp: new Date(now - 60_000).toISOString() })).status).toBe(200);
      await inboundSettled();
      const [conversation] = await conversationsOf('order-cust');
      expect((await messagesOf(conversation!.id)).map((m) => m.text)).toEqual(['written first', 'written second']);
      // Paging backwards follows the same order.
      const newest = (await manager.get<{ items: Message[] }>(`/api/conversations/${conversation!.id}/messages?limit=1`)).body.items;
      expect(newest.map((m) => m.text)).toEqual(['written second']);
      const older = (await manager.get<{ items: Message[] }>(`/api/conversations/${conversation!.id}/messages?limit=5&before=${newest[0]!.id}`)).body.items;
      expect(older.map((m) => m.text)).toEqual(['written first']);
    });
  });

  describe('never a duplicate', () => {
    it('stores a message delivered twice once', async () => {
      const message = { id: 'dup-2', from: { id: 'cust-dup-2' }, text: 'twice' };
      expect((await postApiMessage(app.baseUrl, message)).status).toBe(200);
      expect((await postApiMessage(app.baseUrl, message)).status).toBe(200);
      await waitForMessage('dup-2');
      await inboundSettled();
      expect(await storedCount('dup-2')).toBe(1);
      const conversations = await conversationsOf('cust-dup-2');
      expect(conversations).toHaveLength(1);
      expect(conversations[0]!.unreadCount).toBe(1);
    });

    it('stores a message delivered 5 times in parallel once', async () => {
      const message = { id: 'dup-5', from: { id: 'cust-dup-5' }, text: 'five times' };
      const answers = await Promise.all(Array.from({ length: 5 }, () => postApiMessage(app.baseUrl, message)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      await waitForMessage('dup-5');
      await inboundSettled();
      expect(await storedCount('dup-5')).toBe(1);
      expect(await conversationsOf('cust-dup-5')).toHaveLength(1);
    });

    it('stores once even when the redeliveries differ byte for byte (dedupe on the message id, not the body)', async () => {
      // Different bytes are different queue jobs: only the database can tell they are one message.
      const raws = Array.from({ length: 5 }, (_, i) => `{"id":"dup-bytes","from":{"id":"cust-dup-bytes","name":"Variant ${i}"},${' '.repeat(i)}"text":"same message"}`);
      const answers = await Promise.all(raws.map((raw) => postRaw(raw)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
      await waitForMessage('dup-bytes');
      await inboundSettled();
      expect(await storedCount('dup-bytes')).toBe(1);
      const customers = await db.query('SELECT DISTINCT customer_id FROM customer_identities WHERE external_id = $1', ['cust-dup-bytes']);
      expect(customers.rowCount).toBe(1);
      expect(await conversationsOf('cust-dup-bytes')).toHaveLength(1);
    });
  });

  describe('customers and conversations', () => {
    it('keeps the newest message as the preview when an older one is delivered late', async () => {
      expect((await postApiMessage(app.baseUrl, { id: 'late-2', from: { id: 'cust-late', name: 'Grace' }, text: 'written second', timestamp: '2026-03-02T10:05:00Z' })).status).toBe(200);
      await waitForMessage('late-2');
      expect((await postApiMessage(app.baseUrl, { id: 'late-1', from: { id: 'cust-late', name: 'Grace' }, text: 'written first', timestamp: '2026-03-02T10:00:00Z' })).status).toBe(200);
      await waitForMessage('late-1');
      const [conversation] = await conversationsOf('cust-late');
      expect(conversation).toMatchObject({ lastMessagePreview: 'written second', unreadCount: 2 });
      expect((await messagesOf(conversation!.id)).map((m) => m.text)).toEqual(['written first', 'written second']);
    });

    it('gives two messages of one sender one customer and one open conversation, with a growing unread count', async () => {
      expect((await postApiMessage(app.baseUrl, { id: 'same-1', from: { id: 'cust-same', name: 'Linus' }, text: 'first' })).status).toBe(200);
      await waitForMessage('same-1');
      expect((await postApiMessage(app.baseUrl, { id: 'same-2', from: { id: 'cust-same', name: 'Linus' }, text: 'second' })).status).toBe(200);
      await waitForMessage('same-2');

      const conversations = await conversationsOf('cust-same');
      expect(conversations).toHaveLength(1);
      expect(conversations[0]).toMatchObject({ status: 'open', unreadCount: 2, lastMessagePreview: 'second' });
      expect((await messagesOf(conversations[0]!.id)).map((m) => m.text)).toEqual(['first', 'second']);
      const customers = await db.query('SELECT count(*)::int AS n FROM customers c JOIN customer_identities ci ON ci.customer_id = c.id WHERE ci.external_id = $1', ['cust-same']);
      expect(customers.rows[0]).toEqual({ n: 1 });
    });

    it('stores a burst from many senders at once (stored together) with one customer and conversation each', async () => {
      const senders = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => `cust-burst-${s}`);
      const posts = senders.flatMap((from, s) =>
        Array.from({ length: 10 }, (_, i) => ({ id: `burst-${s}-${i}`, from: { id: from }, text: `message ${i} of ${from}`, timestamp: new Date(Date.UTC(2026, 3, 1, 10, 0, 10 - i)).toISOString() })),
      );
      // Every message twice, all at once: a redelivery in the same batch or the next one is stored once.
      const answers = await Promise.all([...posts, ...posts].map((post) => postApiMessage(app.baseUrl, post)));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      await inboundSettled();

      for (const [s, from] of senders.entries()) {
        const conversations = await conversationsOf(from);
        expect(conversations).toHaveLength(1);
        // The platform's clock orders the thread: message 0 was written last.
        expect(conversations[0]).toMatchObject({ status: 'open', unreadCount: 10, lastMessagePreview: `message 0 of ${from}` });
        const texts = (await messagesOf(conversations[0]!.id)).map((m) => m.text);
        expect(texts).toEqual(Array.from({ length: 10 }, (_, i) => `message ${9 - i} of ${from}`));
        for (let i = 0; i < 10; i++) expect(await storedCount(`burst-${s}-${i}`)).toBe(1);
      }
      const customers = await db.query('SELECT count(DISTINCT customer_id)::int AS n FROM customer_identities WHERE external_id = ANY($1)', [senders]);
      expect(customers.rows[0]).toEqual({ n: senders.length });
    });

    it('gives a different sender a customer and conversation of their own', async () => {
      expect((await postApiMessage(app.baseUrl, { id: 'other-1', from: { id: 'cust-other', name: 'Linus' }, text: 'first' })).status).toBe(200);
      await waitForMessage('other-1');
      const [linus] = await conversationsOf('cust-same');
      const [other] = await conversationsOf('cust-other');
      expect(other).toBeDefined();
      expect(other!.customerId).not.toBe(linus!.customerId);
      expect(other!.id).not.toBe(linus!.id);
      expect(other!.unreadCount).toBe(1);
    });

    it('opens a new conversation for the same customer after the last one was resolved', async () => {
      expect((await postApiMessage(app.baseUrl, { id: 'res-1', from: { id: 'cust-res', name: 'Margaret' }, text: 'help' })).status).toBe(200);
      await waitForMessage('res-1');
      const [first] = await conversationsOf('cust-res');
      expect((await manager.post<Conversation>(`/api/conversations/${first!.id}/status`, { status: 'resolved' })).status).toBe(200);

      expect((await postApiMessage(app.baseUrl, { id: 'res-2', from: { id: 'cust-res', name: 'Margaret' }, text: 'again' })).status).toBe(200);
      await waitForMessage('res-2');
      const [old, fresh] = await conversationsOf('cust-res');
      expect(old!.id).toBe(first!.id);
      expect(old!.status).toBe('resolved');
      expect(fresh).toBeDefined();
      expect(fresh!.id).not.toBe(first!.id);
      expect(fresh!.customerId).toBe(first!.customerId);
      expect(fresh!.status).toBe('open');
      expect((await messagesOf(fresh!.id)).map((m) => m.text)).toEqual(['again']);
      expect((await messagesOf(old!.id)).map((m) => m.text)).toEqual(['help']);
    });

    it('shows the customer profile with the channel identity and every conversation', async () => {
      const [first, second] = await conversationsOf('cust-res');
      const profile = await manager.get<CustomerProfile>(`/api/customers/${first!.customerId}`);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({ id: first!.customerId, name: 'Margaret', tier: 'standard' });
      expect(profile.body.identities).toEqual([expect.objectContaining({ channelId: first!.channelId, channelKind: 'api', externalId: 'cust-res', displayName: 'Margaret' })]);
      expect(profile.body.conversations.map((c) => c.id).sort()).toEqual([first!.id, second!.id].sort());
      expect(profile.body.conversations.find((c) => c.id === first!.id)).toMatchObject({ status: 'resolved', lastMessagePreview: 'help' });
    });

    it('answers 404 for an unknown customer and 400 for a non-uuid', async () => {
      expect((await manager.get('/api/customers/00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await manager.get('/api/customers/nope')).status).toBe(400);
    });
  });

  describe('refused webhooks', () => {
    it('answers 401 to a forged signature and stores nothing', async () => {
      const response = await postApiMessage(app.baseUrl, { id: 'forged-1', from: { id: 'cust-forged' }, text: 'forged' }, { secret: 'wrong-secret' });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ApiError).message).toMatch(/signature/i);
      // A real message of the same sender afterwards proves the worker ran; the forged one never reached it.
      expect((await postApiMessage(app.baseUrl, { id: 'forged-2', from: { id: 'cust-forged' }, text: 'legit' })).status).toBe(200);
      await waitForMessage('forged-2');
      await inboundSettled();
      expect(await storedCount('forged-1')).toBe(0);
      const [conversation] = await conversationsOf('cust-forged');
      expect((await messagesOf(conversation!.id)).map((m) => m.text)).toEqual(['legit']);
    });

    it.each([
      ['no signature header', null],
      ['an empty signature', ''],
      ['a signature without the sha256= prefix', hmacSha256Hex(API_SECRET, '{"id":"unsigned","from":{"id":"cust-unsigned"},"text":"hi"}')],
    ])('answers 401 to %s', async (_what, signature) => {
      const response = await postRaw('{"id":"unsigned","from":{"id":"cust-unsigned"},"text":"hi"}', { signature });
      expect(response.status).toBe(401);
      expect(((await response.json()) as ApiError).message).toMatch(/signature/i);
      expect(await storedCount('unsigned')).toBe(0);
    });

    it.each([
      ['missing text', '{"id":"bad-1","from":{"id":"cust-bad"}}', 'application/json', /Malformed event: text:/],
      ['missing from', '{"id":"bad-2","text":"hi"}', 'application/json', /Malformed event: from:/],
      ['a numeric id', '{"id":12,"from":{"id":"cust-bad"},"text":"hi"}', 'application/json', /Malformed event: id:/],
      ['a wrong timestamp', '{"id":"bad-3","from":{"id":"cust-bad"},"text":"hi","timestamp":"soon"}', 'application/json', /Malformed event: timestamp:/],
      ['an array', '[]', 'application/json', /Malformed event: .*array/],
      ['a body that is not JSON', 'this is not json', 'application/json', /JSON/],
      ['JSON null', 'null', 'application/json', /JSON/],
      ['truncated JSON', '{"id":"bad-4","from":{"id":"cust-bad"},"te', 'application/json', /JSON/],
      ['an empty body', '', 'application/json', /JSON/],
      ['the wrong content-type', '{"id":"bad-5","from":{"id":"cust-bad"},"text":"hi"}', 'text/plain', /application\/json/],
      ['a form body', 'id=bad-6&text=hi', 'application/x-www-form-urlencoded', /application\/json/],
    ])('answers 400 with a reason to %s, never 500', async (_what, raw, contentType, reason) => {
      const response = await postRaw(raw, { contentType });
      expect(response.status).toBe(400);
      const body = (await response.json()) as ApiError;
      expect(body.statusCode).toBe(400);
      expect(typeof body.message).toBe('string');
      expect(body.message).toMatch(reason);
    });

    it('stores nothing of the malformed events', async () => {
      await inboundSettled();
      const rows = await db.query("SELECT count(*)::int AS n FROM messages WHERE external_id LIKE 'bad-%'");
      expect(rows.rows[0]).toEqual({ n: 0 });
      expect((await db.query("SELECT count(*)::int AS n FROM customer_identities WHERE external_id = 'cust-bad'")).rows[0]).toEqual({ n: 0 });
    });

    it('answers 404 to an unknown channel key, signature or not', async () => {
      const response = await postApiMessage(app.baseUrl, { id: 'nowhere-1', from: { id: 'cust-nowhere' }, text: 'hi' }, { key: 'no-such-channel' });
      expect(response.status).toBe(404);
      expect(((await response.json()) as ApiError).message).toMatch(/no-such-channel/);
      expect((await postRaw('{}', { key: 'no-such-channel', signature: null })).status).toBe(404);
    });
  });
});
