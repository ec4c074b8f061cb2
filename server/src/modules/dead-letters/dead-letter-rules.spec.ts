import { describe, expect, it } from '@jest/globals';
import { fingerprintOf, joinReasons, MAX_REASON_LENGTH, originOf, sourceName } from './dead-letter-rules.js';

describe('dead letter sources', () => {
  it.each([
    ['webhook:meta', { via: 'webhook', source: 'meta' }],
    ['webhook:api', { via: 'webhook', source: 'api' }],
    ['poll:telegram', { via: 'poll', kind: 'telegram' }],
  ] as const)('reads %s and writes it back', (source, origin) => {
    expect(originOf(source)).toEqual(origin);
    expect(sourceName(origin)).toBe(source);
  });

  it.each(['webhook:poll', 'webhook:fax', 'poll:', 'poll:fax', 'mail:meta', 'webhook:meta:x', ''])('knows no origin for %j', (source) => {
    expect(originOf(source)).toBeNull();
  });
});

describe('joinReasons', () => {
  it('tells each problem once, in order', () => {
    expect(joinReasons(['entry[0].id: missing', 'entry[1].messaging[0].sender.id: expected string, got boolean', 'entry[0].id: missing'])).toBe(
      'entry[0].id: missing; entry[1].messaging[0].sender.id: expected string, got boolean',
    );
  });

  it('says something for no reason at all', () => {
    expect(joinReasons([' ', ''])).toBe('unreadable');
  });

  it('stays within the limit, saying how many more there were', () => {
    const reasons = Array.from({ length: 200 }, (_, i) => `entry[${i}].messaging[0].sender.id: expected string, got object`);
    const text = joinReasons(reasons);
    expect(text.length).toBeLessThanOrEqual(MAX_REASON_LENGTH);
    expect(text).toMatch(/^entry\[0\]\.messaging.*; and \d+ more$/);
    const told = text.split('; ').length - 1;
    expect(text.endsWith(`and ${200 - told} more`)).toBe(true);
  });

  it('cuts a single reason that is too long', () => {
    const text = joinReasons(['x'.repeat(5000)]);
    expect(text).toHaveLength(MAX_REASON_LENGTH);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('fingerprintOf', () => {
  it('is the same for the same body, source and channel, and differs otherwise', () => {
    const a = fingerprintOf('webhook:meta', null, '{"a":1}');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf('webhook:meta', null, '{"a":1}')).toBe(a);
    expect(fingerprintOf('webhook:meta', null, '{"a":2}')).not.toBe(a);
    expect(fingerprintOf('webhook:whatsapp', null, '{"a":1}')).not.toBe(a);
    expect(fingerprintOf('webhook:meta', '7d0b8e1c-0000-4000-8000-000000000000', '{"a":1}')).not.toBe(a);
  });
});
