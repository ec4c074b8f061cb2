import { describe, expect, it } from '@jest/globals';
import type { Conversation } from '@rapport/shared';
import { applyToTeamList, belongsTo, sortQueue } from './team-conversations-cache';
import { makeConversation } from '../../testing/fixtures';

const conv = (id: string, overrides: Partial<Conversation> = {}): Conversation => makeConversation({ id, ...overrides });

const t = (minute: number) => `2025-01-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('belongsTo', () => {
  it.each<[Partial<Conversation>, string, boolean]>([
    [{ assigneeId: null }, 'unassigned', true],
    [{ assigneeId: 'bea' }, 'unassigned', false],
    [{ assigneeId: 'bea' }, 'bea', true],
    [{ assigneeId: 'alex' }, 'bea', false],
    [{ assigneeId: 'bea', status: 'pending' }, 'bea', false],
    [{ assigneeId: null, status: 'resolved' }, 'unassigned', false],
  ])('%o in the list of %s → %s', (overrides, owner, expected) => {
    expect(belongsTo(conv('c', overrides), owner)).toBe(expected);
  });
});

describe('applyToTeamList', () => {
  it('moves a reassigned conversation from one agent’s list to the other’s', () => {
    const alex = [conv('a', { assigneeId: 'alex' }), conv('b', { assigneeId: 'alex' })];
    const bea: Conversation[] = [];
    const moved = conv('a', { assigneeId: 'bea', updatedAt: t(5) });
    expect(applyToTeamList(alex, moved, 'alex')?.map((c) => c.id)).toEqual(['b']);
    expect(applyToTeamList(bea, moved, 'bea')?.map((c) => c.id)).toEqual(['a']);
  });

  it('replaces in place, ignores older versions, unrelated conversations and unloaded lists', () => {
    const list = [conv('a', { updatedAt: t(5) })];
    const newer = conv('a', { updatedAt: t(6), priority: 'urgent' });
    expect(applyToTeamList(list, newer, 'unassigned')?.[0]).toBe(newer);
    expect(applyToTeamList(list, conv('a', { updatedAt: t(1), lastMessageAt: t(1) }), 'unassigned')).toBe(list);
    expect(applyToTeamList(list, conv('z', { assigneeId: 'bea' }), 'unassigned')).toBe(list);
    expect(applyToTeamList(undefined, newer, 'unassigned')).toBeUndefined();
  });

  it('drops a conversation that leaves the queue (taken or resolved)', () => {
    const list = [conv('a'), conv('b')];
    expect(applyToTeamList(list, conv('a', { status: 'resolved', updatedAt: t(9) }), 'unassigned')?.map((c) => c.id)).toEqual(['b']);
  });
});

describe('sortQueue', () => {
  it('serves priority first, then the earliest SLA due time, then the longest wait', () => {
    const queue = [
      conv('low-old', { priority: 'low', waitingSince: t(0) }),
      conv('normal-no-sla-old', { waitingSince: t(1) }),
      conv('normal-no-sla-new', { waitingSince: t(8) }),
      conv('normal-sla-late', { slaDeadline: t(50), waitingSince: t(9) }),
      conv('normal-sla-soon', { slaDeadline: t(20), waitingSince: t(9) }),
      conv('high', { priority: 'high', waitingSince: t(30) }),
      conv('urgent', { priority: 'urgent', waitingSince: t(40) }),
      conv('normal-not-waiting'),
    ];
    expect(sortQueue(queue).map((c) => c.id)).toEqual([
      'urgent',
      'high',
      'normal-sla-soon',
      'normal-sla-late',
      'normal-no-sla-old',
      'normal-no-sla-new',
      'normal-not-waiting',
      'low-old',
    ]);
  });
});
