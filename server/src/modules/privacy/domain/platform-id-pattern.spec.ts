import { describe, expect, it } from '@jest/globals';
import { platformIdPattern } from './platform-id-pattern.js';

/** JavaScript's regular expressions read these patterns as Postgres does (no class shorthands are used). */
const matches = (pattern: string, body: string): boolean => new RegExp(pattern).test(body);

describe('platformIdPattern', () => {
  it('finds an id quoted or as a number, and never inside a longer one', () => {
    const pattern = platformIdPattern(['34600123456', '123456789'])!;
    expect(matches(pattern, '{"contacts":[{"wa_id":"34600123456"}]}')).toBe(true);
    expect(matches(pattern, '{"from":{"id":123456789,"first_name":"Ada"}}')).toBe(true);
    expect(matches(pattern, '123456789')).toBe(true);
    expect(matches(pattern, '{"id":"9123456789"}')).toBe(false);
    expect(matches(pattern, '{"id":"34600123456_2"}')).toBe(false);
    expect(matches(pattern, '{"id":"x34600123456"}')).toBe(false);
  });

  it('takes an id with special characters literally', () => {
    const pattern = platformIdPattern(['user.name+1'])!;
    expect(matches(pattern, '{"acct":"user.name+1"}')).toBe(true);
    expect(matches(pattern, '{"acct":"userXname+1"}')).toBe(false);
  });

  it('leaves out ids too short to tell apart, and is null without any', () => {
    expect(platformIdPattern(['42', '12345'])).toBeNull();
    expect(platformIdPattern([])).toBeNull();
    expect(platformIdPattern(['42', '1234567'])).toBe('(^|[^0-9A-Za-z_])(1234567)($|[^0-9A-Za-z_])');
  });
});
