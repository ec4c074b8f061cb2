import { describe, expect, it } from '@jest/globals';
import type { InfiniteData } from '@tanstack/react-query';
import type { DeadLetter, DeadLetterPage } from '@rapport/shared';
import { withRetried } from './dead-letters-cache';

const letter = (id: string, fields: Partial<DeadLetter> = {}): DeadLetter => ({
  id,
  channelKind: 'whatsapp',
  channelId: null,
  source: 'webhook:whatsapp',
  reason: 'entry[0].changes[0].value.messages[0].type: message type "order" is not handled',
  status: 'pending',
  attempts: 1,
  createdAt: '2026-05-01T10:00:00.000Z',
  lastTriedAt: '2026-05-01T10:00:00.000Z',
  resolvedAt: null,
  contentType: 'application/json',
  rawBody: '{}',
  ...fields,
});

const data = (pages: DeadLetter[][], pending: number): InfiniteData<DeadLetterPage, string | null> => ({
  pages: pages.map((items, i) => ({ items, nextCursor: i < pages.length - 1 ? `c${i}` : null, pending })),
  pageParams: pages.map((_, i) => (i === 0 ? null : `c${i - 1}`)),
});

describe('withRetried', () => {
  it('replaces the row on whichever page it is and counts one pending less once resolved', () => {
    const before = data([[letter('a')], [letter('b'), letter('c')]], 3);
    const after = withRetried(before, { outcome: 'resolved', deadLetter: letter('b', { status: 'resolved', attempts: 2 }), stored: 1, duplicates: 0 })!;
    expect(after.pages[1]!.items.map((d) => [d.id, d.status])).toEqual([
      ['b', 'resolved'],
      ['c', 'pending'],
    ]);
    expect(after.pages.map((p) => p.pending)).toEqual([2, 2]);
    expect(before.pages[1]!.items[0]!.status).toBe('pending');
  });

  it('keeps the count when a pending one stays pending, with the new reason and attempts', () => {
    const after = withRetried(data([[letter('a')]], 1), { outcome: 'unreadable', deadLetter: letter('a', { attempts: 2, reason: 'still not' }), stored: 0, duplicates: 0 })!;
    expect(after.pages[0]).toMatchObject({ pending: 1, items: [{ attempts: 2, reason: 'still not' }] });
  });

  it('leaves the count of a resolved one retried again, and of a row not on screen', () => {
    const resolved = data([[letter('a', { status: 'resolved' })]], 0);
    expect(withRetried(resolved, { outcome: 'resolved', deadLetter: letter('a', { status: 'resolved', attempts: 3 }), stored: 0, duplicates: 1 })!.pages[0]!.pending).toBe(0);
    expect(withRetried(data([[letter('a')]], 4), { outcome: 'resolved', deadLetter: letter('z', { status: 'resolved' }), stored: 1, duplicates: 0 })!.pages[0]!.pending).toBe(4);
    expect(withRetried(undefined, { outcome: 'resolved', deadLetter: letter('a'), stored: 0, duplicates: 0 })).toBeUndefined();
  });
});
