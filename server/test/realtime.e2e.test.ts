import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Conversation, Message, Page } from '@rapport/shared';
import { client, connectSocket, eventually, login, postApiMessage, recordEvents, startTestApp, sync, type TestApp, type TestSocket } from './support/test-app.js';

describe('one message end to end: webhook → queue → Postgres → socket → reply', () => {
  let app: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });

  afterAll(async () => {
    sockets.forEach((s) => s.disconnect());
    await new Promise((r) => setTimeout(r, 100));
    await app.close();
  });

  it('delivers a signed message live with a seq, stores it once, and sends the reply', async () => {
    const manager = await login(app.baseUrl, 'manager@rapport.test');
    const agent = await login(app.baseUrl, 'agent1@rapport.test');
    const managerSocket = await connectSocket(app.baseUrl, manager.accessToken);
    sockets.push(managerSocket);
    const heard = recordEvents(managerSocket);

    const message = { id: 'e2e-1', from: { id: 'cust-e2e', name: 'Ada Lovelace' }, text: 'My parcel never arrived' };
    expect((await postApiMessage(app.baseUrl, message)).status).toBe(200);
    expect((await postApiMessage(app.baseUrl, message)).status).toBe(200); // redelivered by the platform

    const created = await eventually(() => heard.find((e) => e.type === 'message.created'), 10000, 'message.created');
    expect(typeof created.payload.seq).toBe('number');
    const live = created.payload as unknown as { seq: number; conversationId: string; message: Message };
    expect(live.message.text).toBe(message.text);
    expect(live.message.direction).toBe('inbound');

    const api = client(app.baseUrl, agent.accessToken);
    const thread = await api.get<{ items: Message[] }>(`/api/conversations/${live.conversationId}/messages`);
    expect(thread.body.items.filter((m) => m.externalId === 'e2e-1')).toHaveLength(1);

    const reply = await api.post<Message>(`/api/conversations/${live.conversationId}/messages`, {
      text: 'So sorry, Ada. I am on it.',
      clientId: 'e2e-reply-1',
      lastSeenMessageId: live.message.id,
    });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('queued');

    const sent = await eventually(
      () => heard.find((e) => e.type === 'message.updated' && (e.payload.message as Message).id === reply.body.id && (e.payload.message as Message).status === 'sent'),
      10000,
      'reply sent',
    );
    expect(sent.payload.seq).toBeGreaterThan(created.payload.seq);
    const after = await api.get<{ items: Message[] }>(`/api/conversations/${live.conversationId}/messages`);
    expect(after.body.items.map((m) => [m.direction, m.status])).toEqual([
      ['inbound', 'delivered'],
      ['outbound', 'sent'],
    ]);

    // Live events arrive in seq order with no duplicates.
    const seqs = heard.filter((e) => e.type !== 'agent.presence' && e.type !== 'conversation.viewers').map((e) => e.payload.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('refuses a forged webhook with 401 and stores nothing', async () => {
    const manager = await login(app.baseUrl, 'manager@rapport.test');
    const forged = await postApiMessage(app.baseUrl, { id: 'forged-1', from: { id: 'mallory' }, text: 'hi' }, { secret: 'wrong-secret' });
    expect(forged.status).toBe(401);
    const unsigned = await postApiMessage(app.baseUrl, { id: 'forged-2', from: { id: 'mallory' }, text: 'hi' }, { signature: '' });
    expect(unsigned.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    const list = await client(app.baseUrl, manager.accessToken).get<Page<Conversation>>('/api/conversations?q=mallory');
    expect(list.body.items).toHaveLength(0);
  });

  it('replays missed events on sync, in order, without gaps or duplicates', async () => {
    const manager = await login(app.baseUrl, 'manager@rapport.test');
    const first = await connectSocket(app.baseUrl, manager.accessToken);
    sockets.push(first);
    const start = await sync(first, 0);
    const since = start.latestSeq;
    first.disconnect();

    // While disconnected, three customers write.
    for (const n of [1, 2, 3]) expect((await postApiMessage(app.baseUrl, { id: `missed-${n}`, from: { id: `cust-missed-${n}` }, text: `missed ${n}` })).status).toBe(200);
    await eventually(async () => {
      const page = await client(app.baseUrl, manager.accessToken).get<Page<Conversation>>('/api/conversations?q=missed');
      return page.body.items.length === 3;
    });

    const again = await connectSocket(app.baseUrl, manager.accessToken);
    sockets.push(again);
    const ack = await sync(again, since);
    const seqs = ack.events.map((e) => e.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(6); // per customer: conversation.created + message.created
    expect(seqs[0]).toBe(since + 1);
    seqs.forEach((seq, i) => expect(seq).toBe(since + 1 + i));
    expect(ack.latestSeq).toBe(seqs.at(-1));
    expect(ack.truncated).toBe(false);
    const texts = ack.events.filter((e) => e.type === 'message.created').map((e) => (e.type === 'message.created' ? e.payload.message.text : ''));
    // Three customers write at once: the workers may store them in any order, but each exactly once.
    expect([...texts].sort()).toEqual(['missed 1', 'missed 2', 'missed 3']);
    ack.events.forEach((e) => expect(e.payload.seq).toBe(e.seq));
  });

  it('turns away a socket without a valid token', async () => {
    await expect(connectSocket(app.baseUrl, 'not-a-token')).rejects.toThrow(/unauthorized/);
  });

  it('tells an agent only about their own and their team’s unassigned conversations', async () => {
    const lead = await login(app.baseUrl, 'lead@rapport.test');
    const agent1 = await login(app.baseUrl, 'agent1@rapport.test');
    const agent2 = await login(app.baseUrl, 'agent2@rapport.test');
    const socket2 = await connectSocket(app.baseUrl, agent2.accessToken);
    sockets.push(socket2);
    const heardBy2 = recordEvents(socket2);

    expect((await postApiMessage(app.baseUrl, { id: 'aud-1', from: { id: 'cust-aud' }, text: 'first' })).status).toBe(200);
    const created = await eventually(() => heardBy2.find((e) => e.type === 'conversation.created'), 10000, 'team hears the new conversation');
    const conversationId = (created.payload.conversation as Conversation).id;

    const assigned = await client(app.baseUrl, lead.accessToken).post<Conversation>(`/api/conversations/${conversationId}/assign`, { assigneeId: agent1.user.id });
    expect(assigned.status).toBe(200);
    await eventually(() => heardBy2.find((e) => e.type === 'conversation.assigned'), 10000, 'team hears it was taken');

    expect((await postApiMessage(app.baseUrl, { id: 'aud-2', from: { id: 'cust-aud' }, text: 'second, for agent1 only' })).status).toBe(200);
    const lead2 = await connectSocket(app.baseUrl, lead.accessToken);
    sockets.push(lead2);
    await eventually(async () => {
      const ack = await sync(lead2, created.payload.seq);
      return ack.events.some((e) => e.type === 'message.created' && e.payload.message.text.startsWith('second'));
    }, 10000, 'the lead hears the second message');
    await new Promise((r) => setTimeout(r, 300));
    expect(heardBy2.some((e) => e.type === 'message.created' && (e.payload.message as Message).text.startsWith('second'))).toBe(false);

    const missed = await sync(socket2, created.payload.seq);
    expect(missed.events.some((e) => e.type === 'message.created' && e.payload.message.text.startsWith('second'))).toBe(false);
  });
});
