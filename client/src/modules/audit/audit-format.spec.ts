import { describe, expect, it } from '@jest/globals';
import type { AuditAction } from '@rapport/shared';
import { actionLabel, actorLabel, clientLabel, describeDetails, originLabel, targetLabel } from './audit-format';

describe('actionLabel', () => {
  it('words the known actions, and shows a new one as it is named', () => {
    expect(actionLabel('customer.erased')).toBe('Customer erased');
    expect(actionLabel('retention.purged')).toBe('Old conversations deleted');
    expect(actionLabel('something.new' as AuditAction)).toBe('something.new');
  });
});

describe('describeDetails', () => {
  it.each<[Record<string, unknown>, string]>([
    [{}, ''],
    [{ conversations: 2, messages: 5 }, 'conversations: 2 · messages: 5'],
    [{ role: 'lead', revived: true, from: null }, 'role: lead · revived: true · from: —'],
    [{ teamIds: ['a', 'b'], hours: { mon: [] } }, 'teamIds: a, b · hours: {"mon":[]}'],
  ])('%j', (details, expected) => {
    expect(describeDetails(details)).toBe(expected);
  });
});

describe('who, what and from where', () => {
  it('names the actor, a user without an email, or the system', () => {
    expect(actorLabel({ actorId: 'u1', actorEmail: 'admin@rapport.test' })).toBe('admin@rapport.test');
    expect(actorLabel({ actorId: null, actorEmail: 'typo@rapport.test' })).toBe('typo@rapport.test');
    expect(actorLabel({ actorId: 'u1', actorEmail: null })).toBe('Unknown user');
    expect(actorLabel({ actorId: null, actorEmail: null })).toBe('System');
  });

  it('shortens long target ids', () => {
    expect(targetLabel({ targetType: 'customer', targetId: '3f2a9c1e-0000-4000-8000-000000000000' })).toBe('customer 3f2a9c1e…');
    expect(targetLabel({ targetType: 'dead_letter', targetId: '42' })).toBe('dead_letter 42');
    expect(targetLabel({ targetType: null, targetId: null })).toBe('—');
  });

  it.each<[string | null, string]>([
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36', 'Chrome'],
    ['Mozilla/5.0 (Macintosh) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15', 'Safari'],
    ['Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0', 'Firefox'],
    ['Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0', 'Edge'],
    ['curl/8.5.0', 'curl'],
    [null, ''],
  ])('names the client of %s', (userAgent, expected) => {
    expect(clientLabel(userAgent)).toBe(expected);
  });

  it('puts the address and the client together', () => {
    expect(originLabel({ ip: '10.0.0.7', userAgent: 'curl/8.5.0' })).toBe('10.0.0.7 · curl');
    expect(originLabel({ ip: null, userAgent: null })).toBe('—');
  });
});
