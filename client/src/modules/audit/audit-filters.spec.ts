import { describe, expect, it } from '@jest/globals';
import { auditQuery, DEFAULT_AUDIT_FILTERS, type AuditFilters } from './audit-filters';

const NOW = Date.parse('2026-05-20T12:00:00.000Z');

describe('auditQuery', () => {
  it.each<[string, AuditFilters, ReturnType<typeof auditQuery>]>([
    ['the default: the last 7 days, anything, anyone', DEFAULT_AUDIT_FILTERS, { from: '2026-05-13T12:00:00.000Z' }],
    ['the last 24 hours', { action: '', actorId: '', period: '24h' }, { from: '2026-05-19T12:00:00.000Z' }],
    ['the last 30 days', { action: '', actorId: '', period: '30d' }, { from: '2026-04-20T12:00:00.000Z' }],
    ['all time asks for no period', { action: '', actorId: '', period: 'all' }, {}],
    ['an action and an actor', { action: 'customer.erased', actorId: 'u1', period: 'all' }, { action: 'customer.erased', actorId: 'u1' }],
  ])('%s', (_what, filters, expected) => {
    expect(auditQuery(filters, NOW)).toEqual(expected);
  });
});
