import { describe, expect, it } from '@jest/globals';
import { DEFAULT_FILTERS } from '../modules/inbox/conversation-filters';
import { parseRoute, routeToHash, type AppRoute } from './app-route';

const inbox = (conversationId: string | null, filters = DEFAULT_FILTERS): AppRoute => ({ view: 'inbox', conversationId, filters });
const followUps = (conversationId: string | null): AppRoute => ({ view: 'inbox', conversationId, filters: DEFAULT_FILTERS, list: 'follow-ups' });

describe('parseRoute', () => {
  it.each<[string, AppRoute]>([
    ['', inbox(null)],
    ['#/c/abc-123', inbox('abc-123')],
    ['#/c/a%2Fb', inbox('a/b')],
    ['#/team', { view: 'team' }],
    ['#/team/', { view: 'team' }],
    ['#/team?status=pending', { view: 'team' }],
    ['#/channels', { view: 'channels' }],
    ['#/channels/', { view: 'channels' }],
    ['#/channels/abc', inbox(null)],
    ['#/reports', { view: 'reports' }],
    ['#/reports/', { view: 'reports' }],
    ['#/reports/agents', inbox(null)],
    ['#/audit', { view: 'audit' }],
    ['#/audit/', { view: 'audit' }],
    ['#/users', { view: 'users' }],
    ['#/elsewhere', inbox(null)],
    ['#/c/%E0%A4%A', inbox(null)],
    ['#/c/abc?status=pending&assignee=me&q=refund', inbox('abc', { status: 'pending', assignee: 'mine', q: 'refund' })],
    ['#/inbox?assignee=unassigned', inbox(null, { ...DEFAULT_FILTERS, assignee: 'unassigned' })],
    ['#/?status=resolved', inbox(null, { ...DEFAULT_FILTERS, status: 'resolved' })],
    ['#/c/abc?status=bogus&assignee=everyone&zoom=2', inbox('abc')],
    ['#/c/abc?', inbox('abc')],
    ['#/c/abc?list=follow-ups', followUps('abc')],
    ['#/inbox?list=elsewhere', inbox(null)],
  ])('%s', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });
});

describe('routeToHash', () => {
  it.each<[AppRoute, string]>([
    [inbox(null), ''],
    [inbox('abc'), '#/c/abc'],
    [inbox('abc', { status: 'pending', assignee: 'mine', q: 'late refund' }), '#/c/abc?status=pending&assignee=me&q=late+refund'],
    [inbox(null, { ...DEFAULT_FILTERS, assignee: 'unassigned' }), '#/inbox?assignee=unassigned'],
    [followUps('abc'), '#/c/abc?list=follow-ups'],
    [{ view: 'reports' }, '#/reports'],
    [{ view: 'audit' }, '#/audit'],
    [{ view: 'users' }, '#/users'],
  ])('%j', (route, hash) => {
    expect(routeToHash(route)).toBe(hash);
  });

  it('links without filters open the plain inbox', () => {
    expect(routeToHash({ view: 'inbox', conversationId: 'x' })).toBe('#/c/x');
  });

  it('round-trips every route', () => {
    const routes: AppRoute[] = [
      { view: 'team' },
      { view: 'channels' },
      { view: 'reports' },
      { view: 'audit' },
      { view: 'users' },
      inbox('x/y'),
      inbox('x', { status: 'snoozed', assignee: 'unassigned', q: 'a&b=c?#d' }),
      inbox(null, { status: 'resolved', assignee: 'mine', q: '' }),
    ];
    for (const route of routes) expect(parseRoute(routeToHash(route))).toEqual(route);
  });
});
