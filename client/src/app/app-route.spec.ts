import { describe, expect, it } from '@jest/globals';
import { parseRoute, routeToHash, type AppRoute } from './app-route';

describe('parseRoute', () => {
  it.each<[string, AppRoute]>([
    ['', { view: 'inbox', conversationId: null }],
    ['#/c/abc-123', { view: 'inbox', conversationId: 'abc-123' }],
    ['#/c/a%2Fb', { view: 'inbox', conversationId: 'a/b' }],
    ['#/team', { view: 'team' }],
    ['#/team/', { view: 'team' }],
    ['#/channels', { view: 'channels' }],
    ['#/channels/', { view: 'channels' }],
    ['#/channels/abc', { view: 'inbox', conversationId: null }],
    ['#/reports', { view: 'reports' }],
    ['#/reports/', { view: 'reports' }],
    ['#/reports/agents', { view: 'inbox', conversationId: null }],
    ['#/elsewhere', { view: 'inbox', conversationId: null }],
    ['#/c/%E0%A4%A', { view: 'inbox', conversationId: null }],
  ])('%s', (hash, expected) => {
    expect(parseRoute(hash)).toEqual(expected);
  });
});

describe('routeToHash', () => {
  it('round-trips every route', () => {
    const routes: AppRoute[] = [{ view: 'team' }, { view: 'channels' }, { view: 'reports' }, { view: 'inbox', conversationId: 'x/y' }];
    for (const route of routes) expect(parseRoute(routeToHash(route))).toEqual(route);
    expect(routeToHash({ view: 'inbox', conversationId: null })).toBe('');
  });
});
