import { DateTime, IANAZone } from 'luxon';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a team is at work: the shape teams are edited in. */
export interface BusinessCalendar {
  /** IANA name; the hours and holidays are local to it. */
  timezone: string;
  /** Open ranges per weekday ("HH:MM", end "24:00" for midnight); several make a split shift, a day left out is closed, `{}` is always open. */
  businessHours: Partial<Record<Weekday, Array<[string, string]>>>;
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays?: string[];
}

/** How far ahead a due time is looked for before a calendar counts as never open. */
const HORIZON_DAYS = 800;

const isAlwaysOpen = (calendar: BusinessCalendar): boolean => Object.keys(calendar.businessHours).length === 0;

function zoneOf(calendar: BusinessCalendar): string {
  return IANAZone.isValidZone(calendar.timezone) ? calendar.timezone : 'UTC';
}

/** A local time of a local day as an instant: across a DST change the clock reading decides. */
function instantAt(day: DateTime, hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  if (hour === 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}

/** The open intervals of one local day (start of day in the calendar's zone), as epoch ms. */
function openIntervals(calendar: BusinessCalendar, day: DateTime): Array<[number, number]> {
  if (calendar.holidays?.includes(day.toISODate()!)) return [];
  const ranges = calendar.businessHours[WEEKDAYS[day.weekday - 1]!] ?? [];
  return ranges.map(([from, to]): [number, number] => [instantAt(day, from), instantAt(day, to)]).filter(([start, end]) => end > start);
}

/** Local days from the one holding `from` onwards. */
function* localDays(calendar: BusinessCalendar, from: Date): Generator<DateTime> {
  let day = DateTime.fromJSDate(from, { zone: zoneOf(calendar) }).startOf('day');
  for (;;) {
    yield day;
    day = day.plus({ days: 1 }).startOf('day');
  }
}

/** Seconds between two instants that fall within the calendar's open hours. */
export function businessSecondsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (isAlwaysOpen(calendar)) return (to.getTime() - from.getTime()) / 1000;
  let ms = 0;
  for (const day of localDays(calendar, from)) {
    if (day.toMillis() >= to.getTime()) break;
    for (const [start, end] of openIntervals(calendar, day)) ms += Math.max(0, Math.min(end, to.getTime()) - Math.max(start, from.getTime()));
  }
  return ms / 1000;
}

/** The instant when `seconds` of open hours have passed since `from`; null when the calendar is never open. */
export function addBusinessSeconds(calendar: BusinessCalendar, from: Date, seconds: number): Date | null {
  if (isAlwaysOpen(calendar)) return new Date(from.getTime() + seconds * 1000);
  let left = seconds * 1000;
  let daysSeen = 0;
  for (const day of localDays(calendar, from)) {
    if (++daysSeen > HORIZON_DAYS) return null;
    for (const [start, end] of openIntervals(calendar, day)) {
      const begin = Math.max(start, from.getTime());
      if (end <= begin) continue;
      if (left <= end - begin) return new Date(begin + left);
      left -= end - begin;
    }
  }
  return null;
}
