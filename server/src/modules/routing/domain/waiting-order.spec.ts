import { describe, expect, it } from '@jest/globals';
import { compareWaiting, nextToServe, type WaitingConversation } from './waiting-order.js';

const at = (hhmm: string): Date => new Date(`2026-03-02T${hhmm}:00Z`);

const waiting = (id: string, over: Partial<WaitingConversation> = {}): WaitingConversation => ({
  id,
  priorityScore: 20,
  slaDeadline: null,
  waitingSince: at('09:00'),
  ...over,
});

describe('compareWaiting', () => {
  it.each<[string, WaitingConversation, WaitingConversation]>([
    ['higher priority first', waiting('b', { priorityScore: 55 }), waiting('a', { priorityScore: 20 })],
    [
      'priority beats an earlier deadline and a longer wait',
      waiting('b', { priorityScore: 21, waitingSince: at('09:50') }),
      waiting('a', { priorityScore: 20, slaDeadline: at('10:00'), waitingSince: at('08:00') }),
    ],
    ['same priority: earlier deadline first', waiting('b', { slaDeadline: at('10:05') }), waiting('a', { slaDeadline: at('10:30') })],
    ['same priority: a deadline before none', waiting('b', { slaDeadline: at('23:00') }), waiting('a', { slaDeadline: null })],
    [
      'deadline beats a longer wait',
      waiting('b', { slaDeadline: at('10:05'), waitingSince: at('09:55') }),
      waiting('a', { slaDeadline: at('10:30'), waitingSince: at('08:00') }),
    ],
    ['same priority, no deadlines: older first', waiting('b', { waitingSince: at('08:59') }), waiting('a', { waitingSince: at('09:00') })],
    [
      'same priority and deadline: older first',
      waiting('b', { slaDeadline: at('10:00'), waitingSince: at('08:00') }),
      waiting('a', { slaDeadline: at('10:00'), waitingSince: at('09:00') }),
    ],
    ['all equal: smaller id first', waiting('a'), waiting('b')],
  ])('%s', (_label, first, second) => {
    expect(compareWaiting(first, second)).toBeLessThan(0);
    expect(compareWaiting(second, first)).toBeGreaterThan(0);
  });

  it('is 0 only for the same entry', () => {
    expect(compareWaiting(waiting('a'), waiting('a'))).toBe(0);
  });

  it('sorts a mixed queue', () => {
    const queue = [
      waiting('calm-old', { waitingSince: at('08:00') }),
      waiting('calm-new', { waitingSince: at('09:30') }),
      waiting('vip', { priorityScore: 55 }),
      waiting('breached', { priorityScore: 70, slaDeadline: at('09:55') }),
      waiting('furious-vip', { priorityScore: 95, waitingSince: at('09:59') }),
      waiting('calm-due-soon', { slaDeadline: at('10:10'), waitingSince: at('09:45') }),
      waiting('calm-due-later', { slaDeadline: at('11:00'), waitingSince: at('09:45') }),
    ];
    expect([...queue].sort(compareWaiting).map((c) => c.id)).toEqual([
      'furious-vip',
      'breached',
      'vip',
      'calm-due-soon',
      'calm-due-later',
      'calm-old',
      'calm-new',
    ]);
  });
});

describe('nextToServe', () => {
  it.each<[string, WaitingConversation[], string | undefined]>([
    ['nobody waiting', [], undefined],
    ['the only one', [waiting('a')], 'a'],
    ['the most urgent, wherever it is in the list', [waiting('a'), waiting('b', { priorityScore: 90 }), waiting('c')], 'b'],
    [
      'same priority: the earliest deadline',
      [waiting('a', { slaDeadline: at('11:00') }), waiting('b'), waiting('c', { slaDeadline: at('10:15') })],
      'c',
    ],
    ['same everything but age: the oldest', [waiting('a', { waitingSince: at('09:10') }), waiting('b', { waitingSince: at('09:05') })], 'b'],
    ['full tie: smallest id', [waiting('c'), waiting('a'), waiting('b')], 'a'],
  ])('%s → %s', (_label, list, expected) => {
    expect(nextToServe(list)?.id).toBe(expected);
  });

  it('does not reorder the list it is given', () => {
    const list = [waiting('a'), waiting('b', { priorityScore: 90 })];
    nextToServe(list);
    expect(list.map((c) => c.id)).toEqual(['a', 'b']);
  });
});
