import type { Team } from '@rapport/shared';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS: Record<Weekday, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/** The server takes at most this many ranges a day. */
export const MAX_RANGES_PER_DAY = 6;

export type Range = [string, string];

/** What the hours editor holds: "always open", or ranges per weekday (none = closed that day). */
export interface HoursDraft {
  alwaysOpen: boolean;
  days: Record<Weekday, Range[]>;
}

/** Offered when a team that was always open gets hours: a plain office week. */
const OFFICE_WEEK: Record<Weekday, Range[]> = { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']], sat: [], sun: [] };

const START = /^([01]\d|2[0-3]):[0-5]\d$/;
const END = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export function draftOf(hours: Team['businessHours']): HoursDraft {
  // The server's `{}` means always open; a day left out of a non-empty object is closed.
  if (Object.keys(hours).length === 0) return { alwaysOpen: true, days: structuredClone(OFFICE_WEEK) };
  const days = Object.fromEntries(WEEKDAYS.map((d) => [d, (hours[d] ?? []).map(([from, to]): Range => [from, to])])) as Record<Weekday, Range[]>;
  return { alwaysOpen: false, days };
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Why one day's ranges cannot be saved, or null. */
function dayProblem(day: Weekday, ranges: readonly Range[]): string | null {
  const label = WEEKDAY_LABELS[day];
  if (ranges.length > MAX_RANGES_PER_DAY) return `${label}: at most ${MAX_RANGES_PER_DAY} ranges a day`;
  for (const [from, to] of ranges) {
    if (!START.test(from)) return `${label}: "${from}" is not a start time like 09:00`;
    if (!END.test(to)) return `${label}: "${to}" is not an end time like 17:00 (24:00 for midnight)`;
    if (minutesOf(to) <= minutesOf(from)) return `${label}: ${from}–${to} must end after it starts`;
  }
  const sorted = [...ranges].sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (minutesOf(current[0]) < minutesOf(previous[1])) return `${label}: ${previous[0]}–${previous[1]} and ${current[0]}–${current[1]} overlap`;
  }
  return null;
}

/** The `businessHours` to save, or why not: ranges sorted, closed days left out, and never "open no hour at all". */
export function hoursOf(draft: HoursDraft): { ok: true; value: Team['businessHours'] } | { ok: false; error: string } {
  if (draft.alwaysOpen) return { ok: true, value: {} };
  const value: Team['businessHours'] = {};
  for (const day of WEEKDAYS) {
    const ranges = draft.days[day].map(([from, to]): Range => [from.trim(), to.trim()]);
    const problem = dayProblem(day, ranges);
    if (problem) return { ok: false, error: problem };
    if (ranges.length > 0) value[day] = ranges.sort((a, b) => minutesOf(a[0]) - minutesOf(b[0]));
  }
  // `{}` would mean always open: a week with no hours has to be said on purpose.
  if (Object.keys(value).length === 0) return { ok: false, error: 'Give at least one day opening hours, or choose “Always open”' };
  return { ok: true, value };
}

const DAY_MINUTES = 24 * 60;
const hhmm = (minutes: number): string => (minutes >= DAY_MINUTES ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);

/** A new range for a day: an office day when it has none, else four hours starting an hour after the last one ends (a split shift). */
export function nextRange(ranges: readonly Range[]): Range {
  const ends = ranges.map(([, to]) => to).filter((to) => END.test(to)).map(minutesOf);
  if (ends.length === 0) return ['09:00', '17:00'];
  const start = Math.min(Math.max(...ends) + 60, DAY_MINUTES - 60);
  return [hhmm(start), hhmm(Math.min(start + 4 * 60, DAY_MINUTES))];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Adds a local date to the holidays, sorted and once; an empty or malformed date changes nothing. */
export function addHoliday(holidays: readonly string[], date: string): string[] {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) return [...holidays];
  return [...new Set([...holidays, date])].sort();
}

export function sameHours(a: Team['businessHours'], b: Team['businessHours']): boolean {
  const norm = (h: Team['businessHours']) => JSON.stringify(WEEKDAYS.filter((d) => h[d] !== undefined).map((d) => [d, h[d]]));
  return norm(a) === norm(b);
}

/** IANA names to pick from: the browser's list, plus UTC and the current value so they always show. */
export function timeZoneOptions(current: string, supported: readonly string[]): string[] {
  return [...new Set([...supported, 'UTC', current])].sort((a, b) => a.localeCompare(b));
}
