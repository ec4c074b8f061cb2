import { describe, expect, it } from '@jest/globals';
import type { Message, User } from '@rapport/shared';
import { makeMessage, minutesAfter } from '../../testing/fixtures';
import {
  applySendResult,
  createOptimisticMessage,
  mergeLatestPage,
  newestServerMessageId,
  prependOlder,
  removeMessage,
  upsertMessage,
  type MessageThread,
} from './messages-cache';

const agent: User = { id: 'agent-1', name: 'Alex Agent', email: 'agent1@rapport.test', role: 'agent' };

function thread(...items: Message[]): MessageThread {
  return { items, hasOlder: false };
}

const ids = (t: MessageThread) => t.items.map((m) => m.id);

const inbound = (id: string, minutes: number) => makeMessage({ id, createdAt: minutesAfter(minutes), sentAt: minutesAfter(minutes) });

function optimistic(clientId: string, minutes = 100): Message {
  return createOptimisticMessage({ conversationId: 'conv-1', text: 'On it!', isPrivate: false, clientId, author: agent, now: minutesAfter(minutes) });
}

function serverReply(id: string, clientId: string, status: Message['status'], minutes = 10): Message {
  return makeMessage({ id, clientId, direction: 'outbound', authorType: 'agent', authorId: agent.id, status, createdAt: minutesAfter(minutes) });
}

describe('upsertMessage', () => {
  it('appends a new message and ignores a repeat of the same id', () => {
    const t = upsertMessage(thread(inbound('m1', 1)), inbound('m2', 2));
    expect(ids(t)).toEqual(['m1', 'm2']);
    expect(ids(upsertMessage(t, inbound('m2', 2)))).toEqual(['m1', 'm2']);
  });

  it('replaces the optimistic copy by clientId instead of adding a second bubble', () => {
    const t = upsertMessage(thread(inbound('m1', 1)), optimistic('client-1'));
    expect(ids(t)).toEqual(['m1', 'local:client-1']);
    const confirmed = upsertMessage(t, serverReply('m2', 'client-1', 'queued'));
    expect(ids(confirmed)).toEqual(['m1', 'm2']);
    expect(confirmed.items[1]?.status).toBe('queued');
  });

  it('applies status updates in place', () => {
    const t = thread(inbound('m1', 1), serverReply('m2', 'c', 'sent', 2));
    const failed = upsertMessage(t, { ...serverReply('m2', 'c', 'failed', 2), error: 'Rate limited' });
    expect(ids(failed)).toEqual(['m1', 'm2']);
    expect(failed.items[1]?.status).toBe('failed');
    expect(failed.items[1]?.error).toBe('Rate limited');
  });

  it('keeps optimistic messages last when a customer message arrives meanwhile', () => {
    const t = upsertMessage(thread(inbound('m1', 1), optimistic('client-1')), inbound('m2', 2));
    expect(ids(t)).toEqual(['m1', 'm2', 'local:client-1']);
  });

  it('inserts a late-arriving older message in createdAt order', () => {
    const t = upsertMessage(thread(inbound('m1', 1), inbound('m3', 3)), inbound('m2', 2));
    expect(ids(t)).toEqual(['m1', 'm2', 'm3']);
  });
});

describe('applySendResult', () => {
  it('replaces the optimistic copy with the server message', () => {
    const t = applySendResult(thread(optimistic('client-1')), serverReply('m9', 'client-1', 'queued'));
    expect(ids(t)).toEqual(['m9']);
  });

  it('never moves a status backwards when the live update came first', () => {
    const live = upsertMessage(thread(optimistic('client-1')), serverReply('m9', 'client-1', 'delivered'));
    const t = applySendResult(live, serverReply('m9', 'client-1', 'queued'));
    expect(t).toBe(live);
    expect(t.items[0]?.status).toBe('delivered');
  });
});

describe('removeMessage', () => {
  it('drops a failed optimistic message', () => {
    expect(ids(removeMessage(thread(inbound('m1', 1), optimistic('c1')), 'local:c1'))).toEqual(['m1']);
  });
});

describe('prependOlder', () => {
  it('adds older messages before the loaded ones, without duplicates', () => {
    const t = prependOlder(thread(inbound('m3', 3), inbound('m4', 4)), [inbound('m1', 1), inbound('m2', 2), inbound('m3', 3)], 3);
    expect(ids(t)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(t.hasOlder).toBe(true);
  });

  it('knows the start was reached after a short page', () => {
    expect(prependOlder(thread(inbound('m3', 3)), [inbound('m2', 2)], 3).hasOlder).toBe(false);
  });
});

describe('mergeLatestPage', () => {
  it('uses the page as is the first time', () => {
    expect(mergeLatestPage(undefined, [inbound('m1', 1)], 50)).toEqual({ items: [inbound('m1', 1)], hasOlder: false });
    expect(mergeLatestPage(undefined, [inbound('m1', 1), inbound('m2', 2)], 2).hasOlder).toBe(true);
  });

  it('keeps older pages that still connect to the fresh newest page', () => {
    const cached: MessageThread = { items: [inbound('m1', 1), inbound('m2', 2), inbound('m3', 3)], hasOlder: true };
    const merged = mergeLatestPage(cached, [inbound('m2', 2), inbound('m3', 3), inbound('m4', 4)], 3);
    expect(ids(merged)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(merged.hasOlder).toBe(true);
  });

  it('drops cached messages that no longer connect (a gap), rather than showing a hole', () => {
    const cached: MessageThread = { items: [inbound('m1', 1), inbound('m2', 2)], hasOlder: false };
    const merged = mergeLatestPage(cached, [inbound('m5', 5), inbound('m6', 6)], 2);
    expect(ids(merged)).toEqual(['m5', 'm6']);
    expect(merged.hasOlder).toBe(true);
  });

  it('keeps optimistic messages still waiting for an answer, but not ones the page already confirms', () => {
    const cached = thread(inbound('m1', 1), optimistic('pending'), optimistic('done'));
    const merged = mergeLatestPage(cached, [inbound('m1', 1), serverReply('m2', 'done', 'sent', 2)], 50);
    expect(ids(merged)).toEqual(['m1', 'm2', 'local:pending']);
  });
});

describe('newestServerMessageId', () => {
  it('skips optimistic messages', () => {
    expect(newestServerMessageId([inbound('m1', 1), optimistic('c')])).toBe('m1');
    expect(newestServerMessageId([optimistic('c')])).toBeUndefined();
  });
});
