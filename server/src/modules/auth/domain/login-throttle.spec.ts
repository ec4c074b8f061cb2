import { describe, expect, it } from '@jest/globals';
import { LOGIN_WINDOW_MS, lockRemainingMs, loginThrottle, throttledMessage, type FailureHistory } from './login-throttle.js';

const NOW = 1_800_000_000_000;
const MIN = 60_000;
const LIMITS = { accountMax: 5, ipMax: 20, windowMs: LOGIN_WINDOW_MS };
/** `n` failures, one a second, the last `endingAgoMs` before now. */
const failures = (n: number, endingAgoMs = 0): number[] => Array.from({ length: n }, (_, i) => NOW - endingAgoMs - (n - 1 - i) * 1000);
const history = (account: number[], ip: number[] = account): FailureHistory => ({ account, ip });

describe('lockRemainingMs', () => {
  it.each<[string, number[], number]>([
    ['no failures', [], 0],
    ['four failures', failures(4), 0],
    ['five failures just now: the oldest leaves the window in 15 minutes less 4 s', failures(5), LOGIN_WINDOW_MS - 4000],
    ['five failures, the oldest 14 minutes ago', [NOW - 14 * MIN, ...failures(4)], MIN],
    ['five failures, the oldest out of the window', [NOW - 16 * MIN, ...failures(4)], 0],
    ['seven failures: the lock ends when the fifth-newest leaves', [NOW - 14 * MIN, NOW - 13 * MIN, NOW - 12 * MIN, ...failures(4)], 3 * MIN],
    ['failures in the future (clock skew between nodes) are not counted', [NOW + MIN, ...failures(4)], 0],
  ])('%s', (_what, list, expected) => {
    expect(lockRemainingMs(list, 5, LOGIN_WINDOW_MS, NOW)).toBe(expected);
  });

  it('does not care about the order the failures come in', () => {
    expect(lockRemainingMs([...failures(5)].reverse(), 5, LOGIN_WINDOW_MS, NOW)).toBe(LOGIN_WINDOW_MS - 4000);
  });
});

describe('loginThrottle', () => {
  it.each<[string, FailureHistory, ReturnType<typeof loginThrottle>]>([
    ['nothing failed', history([]), { locked: false }],
    ['four failures of the account', history(failures(4)), { locked: false }],
    ['the fifth failure locks the account for the window', history(failures(5)), { locked: true, scope: 'account', retryAfterSeconds: 896 }],
    ['19 failures from the address across accounts do not lock it', history([], failures(19)), { locked: false }],
    ['20 failures from the address lock it, whatever the account', history([], failures(20)), { locked: true, scope: 'ip', retryAfterSeconds: 881 }],
    ['both locked: the longer lock is the answer', history([NOW - 14 * MIN, ...failures(4)], failures(20)), { locked: true, scope: 'ip', retryAfterSeconds: 881 }],
    ['a lock with less than a second left still asks for a second', history([NOW - LOGIN_WINDOW_MS + 200, ...failures(4)]), { locked: true, scope: 'account', retryAfterSeconds: 1 }],
    ['the window has passed', history(failures(5, LOGIN_WINDOW_MS)), { locked: false }],
  ])('%s', (_what, h, verdict) => {
    expect(loginThrottle(h, LIMITS, NOW)).toEqual(verdict);
  });

  it('follows the limits it is given', () => {
    expect(loginThrottle(history(failures(2)), { ...LIMITS, accountMax: 2 }, NOW)).toMatchObject({ locked: true, scope: 'account' });
  });
});

describe('throttledMessage', () => {
  it.each([
    [900, 'Too many failed sign-ins: try again in 15 minutes'],
    [896, 'Too many failed sign-ins: try again in 15 minutes'],
    [61, 'Too many failed sign-ins: try again in 2 minutes'],
    [60, 'Too many failed sign-ins: try again in 1 minute'],
    [1, 'Too many failed sign-ins: try again in 1 minute'],
  ])('%i s → %s', (seconds, message) => {
    expect(throttledMessage(seconds)).toBe(message);
  });
});
