import { DateTime, IANAZone } from 'luxon';
import type { ContactHours } from '@rapport/shared';

/** What a customer said about when they may be reached. */
export interface ContactProfile {
  /** IANA name; unknown or invalid means UTC. */
  timezone: string | null;
  contactHours: ContactHours | null;
}

/** For a customer without contact hours, the next day starts at this local time. */
export const DEFAULT_CONTACT_TIME = '09:00';

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export function contactZone(profile: Pick<ContactProfile, 'timezone'>): string {
  return profile.timezone && IANAZone.isValidZone(profile.timezone) ? profile.timezone : 'UTC';
}

/** A local clock reading of a local day as an instant: in a DST gap luxon moves it forward, like the wall clock does. */
function instantAt(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  if (hour === 24) return day.plus({ days: 1 }).startOf('day');
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/** The contact window that opens on a local day, if that weekday is listed; an end at or before the start runs past midnight. */
function windowOf(hours: ContactHours, day: DateTime): { start: DateTime; end: DateTime } | null {
  if (!hours.days.includes(day.weekday)) return null;
  const start = instantAt(day, hours.from);
  let end = instantAt(day, hours.to);
  if (end <= start) end = instantAt(day.plus({ days: 1 }), hours.to);
  return { start, end };
}

/** True inside the customer's contact hours, false outside, null when they never gave any. */
export function isWithinContactHours(profile: ContactProfile, at: Date): boolean | null {
  const hours = profile.contactHours;
  if (!hours) return null;
  const local = DateTime.fromJSDate(at, { zone: contactZone(profile) });
  // Yesterday's window may still be open after midnight.
  for (const day of [local.startOf('day').minus({ days: 1 }), local.startOf('day')]) {
    const window = windowOf(hours, day);
    if (window && window.start.toMillis() <= at.getTime() && at.getTime() < window.end.toMillis()) return true;
  }
  return false;
}

/**
 * The next start of the customer's contact hours strictly after `after`, in their timezone (UTC when
 * unknown). Without contact hours (or with no day listed): 09:00 of their next local day.
 */
export function nextContactStart(profile: ContactProfile, after: Date): Date {
  const zone = contactZone(profile);
  const today = DateTime.fromJSDate(after, { zone }).startOf('day');
  const hours = profile.contactHours;
  if (hours && hours.days.length > 0) {
    // Today, then the next seven days: every listed weekday comes round once.
    for (let offset = 0; offset <= 7; offset++) {
      const window = windowOf(hours, today.plus({ days: offset }).startOf('day'));
      if (window && window.start.toMillis() > after.getTime()) return window.start.toJSDate();
    }
  }
  return instantAt(today.plus({ days: 1 }).startOf('day'), DEFAULT_CONTACT_TIME).toJSDate();
}

/** `at` itself when the customer may be reached then (or gave no hours), else the next start of their hours. */
export function firstContactMoment(profile: ContactProfile, at: Date): Date {
  return isWithinContactHours(profile, at) === false ? nextContactStart(profile, at) : at;
}

/** "Mon–Fri 09:00–17:00", "Mon, Wed, Sat 10:00–14:00". */
export function describeContactHours(hours: ContactHours): string {
  const days = [...new Set(hours.days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  const name = (d: number) => WEEKDAY_NAMES[d - 1]!;
  const text = runs.map((run) => (run.length >= 3 ? `${name(run[0]!)}–${name(run.at(-1)!)}` : run.map(name).join(', '))).join(', ');
  return `${text} ${hours.from}–${hours.to}`;
}

/** "Sat 22:10" on the customer's own clock. */
export function localTimeLabel(profile: Pick<ContactProfile, 'timezone'>, at: Date): string {
  const local = DateTime.fromJSDate(at, { zone: contactZone(profile) });
  return `${WEEKDAY_NAMES[local.weekday - 1]!} ${local.toFormat('HH:mm')}`;
}
