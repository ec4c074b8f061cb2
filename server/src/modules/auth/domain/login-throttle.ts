/** Failed sign-ins count for this long; a lock lasts until enough of them are older than this. */
export const LOGIN_WINDOW_MS = 15 * 60_000;

export interface ThrottleLimits {
  /** Failures of one account (its lower-cased email) that lock it. */
  accountMax: number;
  /** Failures from one address, across accounts, that lock it: higher, so one person's typos do not lock out an office. */
  ipMax: number;
  windowMs: number;
}

/** Failure times (ms) within the window, per account and per address. */
export interface FailureHistory {
  account: readonly number[];
  ip: readonly number[];
}

export type ThrottleVerdict = { locked: false } | { locked: true; scope: 'account' | 'ip'; retryAfterSeconds: number };

/** Milliseconds until fewer than `max` of these failures are within the window (0: fewer already). */
export function lockRemainingMs(failures: readonly number[], max: number, windowMs: number, now: number): number {
  const recent = failures.filter((at) => at > now - windowMs && at <= now).sort((a, b) => a - b);
  if (recent.length < max) return 0;
  // The lock ends when the oldest of the last `max` failures leaves the window.
  return recent[recent.length - max]! + windowMs - now;
}

/** Whether a sign-in may be tried now; when not, how long the longer of the two locks still lasts. */
export function loginThrottle(history: FailureHistory, limits: ThrottleLimits, now: number): ThrottleVerdict {
  const account = lockRemainingMs(history.account, limits.accountMax, limits.windowMs, now);
  const ip = lockRemainingMs(history.ip, limits.ipMax, limits.windowMs, now);
  const remaining = Math.max(account, ip);
  if (remaining <= 0) return { locked: false };
  return { locked: true, scope: account >= ip ? 'account' : 'ip', retryAfterSeconds: Math.max(1, Math.ceil(remaining / 1000)) };
}

/** What a locked-out person reads. */
export function throttledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many failed sign-ins: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
