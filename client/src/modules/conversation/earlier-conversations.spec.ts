import { describe, expect, it } from '@jest/globals';
import type { CustomerProfile } from '@rapport/shared';
import { earlierConversations } from './earlier-conversations';

type Row = CustomerProfile['conversations'][number];
const row = (id: string, lastMessageAt: string | null): Row => ({ id, channelId: 'ch', channelKind: 'x', status: 'resolved', lastMessageAt, lastMessagePreview: id });

describe('earlierConversations', () => {
  const current = { id: 'now', firstMessageAt: '2026-03-02T10:00:00Z', createdAt: '2026-03-02T10:00:05Z' };

  it.each<[string, Row[], string[]]>([
    ['none but this one', [row('now', '2026-03-02T10:30:00Z')], []],
    ['older ones, oldest first', [row('b', '2026-02-20T09:00:00Z'), row('now', '2026-03-02T10:30:00Z'), row('a', '2026-01-05T09:00:00Z')], ['a', 'b']],
    ['one still going on another channel is not earlier', [row('other', '2026-03-02T10:10:00Z'), row('a', '2026-01-05T09:00:00Z')], ['a']],
    ['quiet exactly when this one began counts', [row('a', '2026-03-02T10:00:00Z')], ['a']],
  ])('%s', (_label, rows, expected) => {
    expect(earlierConversations(rows, current).map((c) => c.id)).toEqual(expected);
  });

  it('falls back to when the conversation was created', () => {
    expect(earlierConversations([row('a', '2026-03-02T10:00:03Z')], { ...current, firstMessageAt: null }).map((c) => c.id)).toEqual(['a']);
  });
});
