import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { Role } from '@rapport/shared';
import { addNotice, breachNoticeText, BreachNoticeStore, NOTICE_VISIBLE_MS, shouldAnnounceBreach, type BreachNotice } from './breach-notices';

const user = (role: Role) => ({ id: 'me', role });

describe('shouldAnnounceBreach', () => {
  it.each<[string, Role, string | null, number, number | null, boolean]>([
    ['a lead hears every breach', 'lead', 'someone', 10, 5, true],
    ['a manager too', 'manager', null, 10, 5, true],
    ['an agent hears their own', 'agent', 'me', 10, 5, true],
    ['an agent does not hear a colleague’s', 'agent', 'someone', 10, 5, false],
    ['an agent does not hear an unassigned one', 'agent', null, 10, 5, false],
    ['nothing replayed by the first sync of the page', 'lead', 'me', 5, 5, false],
    ['nothing before the first sync answered', 'lead', 'me', 10, null, false],
  ])('%s', (_name, role, assigneeId, seq, baseline, expected) => {
    expect(shouldAnnounceBreach({ seq, assigneeId }, user(role), baseline)).toBe(expected);
  });
});

describe('breachNoticeText', () => {
  it('names the clock and the customer', () => {
    expect(breachNoticeText({ metric: 'firstResponse' }, 'Ada Lovelace')).toBe('SLA breached: first response — Ada Lovelace');
    expect(breachNoticeText({ metric: 'resolution' }, null)).toBe('SLA breached: resolution');
  });
});

describe('addNotice', () => {
  const n = (id: number): BreachNotice => ({ id, conversationId: `c${id}`, text: `t${id}` });
  it('appends, ignores a repeat and keeps the newest few', () => {
    const one = addNotice([], n(1));
    expect(addNotice(one, n(1))).toBe(one);
    expect(addNotice([n(1), n(2), n(3)], n(4)).map((x) => x.id)).toEqual([2, 3, 4]);
  });
});

describe('BreachNoticeStore', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('shows a notice until dismissed or timed out', () => {
    const store = new BreachNoticeStore();
    const listener = jest.fn();
    store.subscribe(listener);
    store.push({ id: 1, conversationId: 'c', text: 'x' });
    store.push({ id: 2, conversationId: 'd', text: 'y' });
    expect(store.getSnapshot().map((x) => x.id)).toEqual([1, 2]);
    store.dismiss(1);
    expect(store.getSnapshot().map((x) => x.id)).toEqual([2]);
    jest.advanceTimersByTime(NOTICE_VISIBLE_MS);
    expect(store.getSnapshot()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(4);
    expect(jest.getTimerCount()).toBe(0);
  });
});
