import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ChannelContext, OutboundContext } from '../../channel-adapter.js';
import { FakePlatform } from '../fake-platform.testing.js';
import { findSentOnX, isDmReply, sameText } from './x-sent-check.js';

const BRAND = '1480112233445566778';
const CUSTOMER = '1290011122233344455';
const x = new FakePlatform();

beforeAll(() => x.start());
afterAll(() => x.stop());
beforeEach(() => x.reset());

const channel = (): ChannelContext => ({ id: '00000000-0000-4000-8000-0000000000c1', kind: 'x', key: null, config: { userId: BRAND, apiBaseUrl: x.url }, secrets: { accessToken: 'user-token' } });

function context(type: 'dm' | 'mention', text = 'We have rebooked the visit for 5pm.'): OutboundContext {
  return {
    channel: channel(),
    messageId: '00000000-0000-4000-8000-00000000m001',
    text,
    recipient: { externalId: CUSTOMER, handle: 'priya_n_dev' },
    conversation: { id: 'c1', threadKey: type === 'dm' ? '' : '1958112233445566778', isPublic: type === 'mention' },
    replyTo: { externalId: '1958112233445566778', meta: { type } },
  };
}

const since = new Date('2026-08-20T08:15:00Z');

describe('sameText', () => {
  it('ignores links (X shortens them) and whitespace', () => {
    expect(sameText('See https://example.com/track?id=1  now', 'See https://t.co/abc now')).toBe(true);
    expect(sameText('Hello  there\n', 'Hello there')).toBe(true);
    expect(sameText('Hello there', 'Hello you')).toBe(false);
  });
});

describe('isDmReply', () => {
  it('answers DMs with DMs and mentions with posts', () => {
    expect(isDmReply(context('dm'))).toBe(true);
    expect(isDmReply(context('mention'))).toBe(false);
  });
});

describe('findSentOnX', () => {
  it('finds our DM in the conversation with the customer', async () => {
    x.answer({
      status: 200,
      body: {
        data: [
          { id: '1958000000000000099', event_type: 'MessageCreate', text: 'We have rebooked the visit for 5pm.', sender_id: BRAND, created_at: '2026-08-20T08:15:01.000Z' },
          { id: '1958000000000000098', event_type: 'MessageCreate', text: 'can you rebook?', sender_id: CUSTOMER, created_at: '2026-08-20T08:10:00.000Z' },
        ],
      },
    });
    await expect(findSentOnX(x.url, context('dm'), since)).resolves.toEqual({ externalId: '1958000000000000099' });
    const hit = x.last();
    expect(hit.path).toBe(`/2/dm_conversations/with/${CUSTOMER}/dm_events`);
    expect(hit.query.get('dm_event.fields')).toContain('sender_id');
    expect(hit.headers.authorization).toBe('Bearer user-token');
  });

  it('does not take the customer\'s words, or an older DM of ours with the same text, for our reply', async () => {
    x.answer({
      status: 200,
      body: {
        data: [
          { id: '1', event_type: 'MessageCreate', text: 'We have rebooked the visit for 5pm.', sender_id: CUSTOMER, created_at: '2026-08-20T08:15:01.000Z' },
          { id: '2', event_type: 'MessageCreate', text: 'We have rebooked the visit for 5pm.', sender_id: BRAND, created_at: '2026-08-19T08:15:01.000Z' },
        ],
      },
    });
    await expect(findSentOnX(x.url, context('dm'), since)).resolves.toBeNull();
  });

  it('finds our reply post among the brand\'s posts since the send began', async () => {
    x.answer({
      status: 200,
      body: {
        data: [
          { id: '1958000000000000200', text: 'We have rebooked the visit for 5pm.', created_at: '2026-08-20T08:15:02.000Z', referenced_tweets: [{ type: 'replied_to', id: '1958000000000000001' }] },
          { id: '1958000000000000201', text: 'We have rebooked the visit for 5pm.', created_at: '2026-08-20T08:15:02.000Z', referenced_tweets: [{ type: 'replied_to', id: '1958112233445566778' }] },
        ],
        meta: { result_count: 2 },
      },
    });
    await expect(findSentOnX(x.url, context('mention'), since)).resolves.toEqual({ externalId: '1958000000000000201' });
    const hit = x.last();
    expect(hit.path).toBe(`/2/users/${BRAND}/tweets`);
    expect(hit.query.get('start_time')).toBe('2026-08-20T08:14:00Z');
    expect(hit.query.get('tweet.fields')).toContain('referenced_tweets');
  });

  it('answers null when X has nothing (the send never got there), and throws when X cannot be asked', async () => {
    x.answer({ status: 200, body: { meta: { result_count: 0 } } });
    await expect(findSentOnX(x.url, context('mention'), since)).resolves.toBeNull();
    x.answer({ status: 503, body: { title: 'Service Unavailable' } });
    await expect(findSentOnX(x.url, context('dm'), since)).rejects.toThrow();
  });
});
