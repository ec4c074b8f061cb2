import { describe, expect, it } from '@jest/globals';
import { describeLockout, lockedUntil, type SignInRefusal } from './login-lockout';

const NOW = Date.parse('2026-05-01T14:17:20Z');
const UTC = { locale: 'en-GB', timeZone: 'UTC' };
const refused = (statusCode: number, retryAfterSeconds: number | null): SignInRefusal => ({ statusCode, retryAfterSeconds });

describe('lockedUntil', () => {
  it.each<[string, SignInRefusal | null, number | null]>([
    ['a 429 with the seconds to wait', refused(429, 900), NOW + 900_000],
    ['a 429 without them: a minute', refused(429, null), NOW + 60_000],
    ['a wrong password', refused(401, null), null],
    ['no answer at all', null, null],
  ])('%s', (_what, error, until) => {
    expect(lockedUntil(error, NOW)).toBe(until);
  });
});

describe('describeLockout', () => {
  it.each([
    [900_000, 'Too many failed sign-ins. Try again at 14:32 (in 15 minutes).'],
    [61_000, 'Too many failed sign-ins. Try again at 14:18 (in 2 minutes).'],
    [30_000, 'Too many failed sign-ins. Try again at 14:17 (in 1 minute).'],
  ])('%i ms ahead', (ahead, text) => {
    expect(describeLockout(NOW + ahead, NOW, UTC)).toBe(text);
  });

  it('names the time in the given timezone', () => {
    expect(describeLockout(NOW + 900_000, NOW, { locale: 'en-GB', timeZone: 'Europe/Madrid' })).toContain('at 16:32');
  });
});
