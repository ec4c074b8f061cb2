import { parseDayKey } from './report-period';

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayHourFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** "5 Mar" on the axis of a daily chart. */
export function dayTick(key: unknown): string {
  const date = typeof key === 'string' ? parseDayKey(key) : null;
  return date ? dayFormat.format(date) : String(key);
}

/** "Thu, 5 Mar" in a tooltip. */
export function dayTitle(key: unknown): string {
  const date = typeof key === 'string' ? parseDayKey(key) : null;
  return date ? longDayFormat.format(date) : String(key);
}

/** An hour on the volume axis: the time alone within a day, else the day. */
export function hourTick(at: unknown, singleDay: boolean): string {
  if (typeof at !== 'number') return String(at);
  return singleDay ? hourFormat.format(at) : dayFormat.format(at);
}

export function hourTitle(at: unknown): string {
  return typeof at === 'number' ? dayHourFormat.format(at) : String(at);
}
