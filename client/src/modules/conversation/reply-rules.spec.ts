import { describe, expect, it } from '@jest/globals';
import type { Message, ReplyWindow } from '@rapport/shared';
import { counterTone, lastCustomerMessageAt, windowNotice } from './reply-rules';

const message = (direction: Message['direction'], sentAt: string, authorType: Message['authorType'] = direction === 'inbound' ? 'customer' : 'agent'): Message => ({
  id: `${direction}-${sentAt}`,
  conversationId: 'c1',
  direction,
  authorType,
  authorId: null,
  authorName: null,
  private: false,
  text: 'hi',
  attachments: [],
  status: 'sent',
  error: null,
  externalId: null,
  clientId: null,
  sentAt,
  createdAt: sentAt,
});

describe('lastCustomerMessageAt', () => {
  it.each<[string, Message[], string | null]>([
    ['no messages', [], null],
    ['only our replies', [message('outbound', '2026-08-20T10:00:00Z')], null],
    [
      'the newest customer message, whatever the order',
      [message('inbound', '2026-08-20T09:00:00Z'), message('inbound', '2026-08-20T11:00:00Z'), message('outbound', '2026-08-20T12:00:00Z'), message('inbound', '2026-08-20T10:00:00Z')],
      '2026-08-20T11:00:00Z',
    ],
    ['system lines do not count', [message('inbound', '2026-08-20T09:00:00Z'), message('inbound', '2026-08-20T13:00:00Z', 'system')], '2026-08-20T09:00:00Z'],
  ])('%s', (_what, messages, expected) => {
    expect(lastCustomerMessageAt(messages)).toBe(expected);
  });
});

describe('counterTone', () => {
  it.each<[number, number | null, string]>([
    [10, 280, 'ok'],
    [251, 280, 'ok'],
    [252, 280, 'near'],
    [280, 280, 'near'],
    [281, 280, 'over'],
    [5000, null, 'ok'],
  ])('%s of %s → %s', (length, limit, tone) => {
    expect(counterTone({ length, limit })).toBe(tone);
  });
});

describe('windowNotice', () => {
  const now = Date.parse('2026-08-20T12:00:00Z');
  it.each<[string, ReplyWindow, ReturnType<typeof windowNotice>]>([
    ['no window', { state: 'none' }, null],
    ['unknown', { state: 'unknown' }, null],
    ['open for long', { state: 'open', closesAt: '2026-08-21T08:00:00Z', closingSoon: false }, null],
    ['closing soon', { state: 'open', closesAt: '2026-08-20T12:40:30Z', closingSoon: true }, { tone: 'hint', text: 'The 24-hour reply window closes in 40 min.' }],
    ['closed', { state: 'closed', closedAt: '2026-08-20T09:00:00Z', reason: 'WhatsApp refuses it (error 131047).' }, { tone: 'warning', text: 'The 24-hour reply window closed 3 h ago. WhatsApp refuses it (error 131047).' }],
    ['closed long ago', { state: 'closed', closedAt: '2026-08-15T12:00:00Z', reason: 'Refused.' }, { tone: 'warning', text: 'The 24-hour reply window closed 5 days ago. Refused.' }],
  ])('%s', (_what, window, expected) => {
    expect(windowNotice(window, now)).toEqual(expected);
  });
});
