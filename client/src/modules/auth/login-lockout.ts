/** What a failed sign-in answered (an ApiRequestError), or null when nothing answered. */
export interface SignInRefusal {
  statusCode: number;
  retryAfterSeconds: number | null;
}

/** When a sign-in refused with 429 may be tried again (epoch ms), or null for any other outcome. */
export function lockedUntil(error: SignInRefusal | null, now: number): number | null {
  if (error?.statusCode !== 429) return null;
  // Without a figure from the server, a minute is a fair guess.
  return now + (error.retryAfterSeconds ?? 60) * 1000;
}

export interface ClockFormat {
  locale?: string;
  timeZone?: string;
}

/** "Too many failed sign-ins. Try again at 14:32 (in 15 minutes)." */
export function describeLockout(until: number, now: number, format: ClockFormat = {}): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  const clock = new Intl.DateTimeFormat(format.locale, { hour: '2-digit', minute: '2-digit', timeZone: format.timeZone }).format(new Date(until));
  return `Too many failed sign-ins. Try again at ${clock} (in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}).`;
}
