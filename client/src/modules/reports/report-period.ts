/** The period a report covers, in whole local days of the browser (the same days the server groups by with `tz`). */
export const PERIOD_PRESETS = ['today', '7d', '30d', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export type PeriodChoice = { preset: Exclude<PeriodPreset, 'custom'> } | { preset: 'custom'; from: string; to: string };

export interface ReportPeriod {
  /** ISO instants: local midnight of the first day, and local midnight after the last day (exclusive). */
  from: string;
  to: string;
}

export type PeriodResult = { ok: true; period: ReportPeriod } | { ok: false; reason: string };

/** Longest custom period: a year, so charts stay readable. */
export const MAX_CUSTOM_DAYS = 366;

const PRESET_DAYS: Record<Exclude<PeriodPreset, 'custom'>, number> = { today: 1, '7d': 7, '30d': 30 };
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD of the local day `date` falls on. */
export function localDayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Local midnight of a YYYY-MM-DD day, or null when it is no calendar date. */
export function parseDayKey(key: string): Date | null {
  const match = DAY_KEY.exec(key);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  // new Date rolls 2026-02-30 over to March: such a day does not exist.
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day ? date : null;
}

/** The local midnight `days` days after `date`'s; calendar arithmetic, so a DST change keeps midnights. */
export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** Calendar days from the day of `from` to the day of `to` (DST-safe: both are local midnights). */
function dayCount(from: Date, to: Date): number {
  return Math.round((Date.UTC(to.getFullYear(), to.getMonth(), to.getDate()) - Date.UTC(from.getFullYear(), from.getMonth(), from.getDate())) / 86_400_000);
}

/** The first and last day (YYYY-MM-DD) of a preset ending today, e.g. to prefill the custom inputs. */
export function presetDays(preset: Exclude<PeriodPreset, 'custom'>, today: string): { from: string; to: string } {
  const last = parseDayKey(today);
  if (!last) throw new Error(`not a day: ${today}`);
  return { from: localDayKey(addDays(last, 1 - PRESET_DAYS[preset])), to: today };
}

/** The period of a choice; `today` is the local day now (YYYY-MM-DD), so the result changes only at midnight. */
export function resolvePeriod(choice: PeriodChoice, today: string): PeriodResult {
  const days = choice.preset === 'custom' ? choice : presetDays(choice.preset, today);
  const first = parseDayKey(days.from);
  const last = parseDayKey(days.to);
  if (!first || !last) return { ok: false, reason: 'Pick a start and an end date.' };
  if (last < first) return { ok: false, reason: 'The end date is before the start date.' };
  if (dayCount(first, last) + 1 > MAX_CUSTOM_DAYS) return { ok: false, reason: `Pick at most ${MAX_CUSTOM_DAYS} days.` };
  return { ok: true, period: { from: first.toISOString(), to: addDays(last, 1).toISOString() } };
}

/** Every local day (YYYY-MM-DD) that starts within [from, to): the x axis of the daily trends. */
export function localDays(period: ReportPeriod): string[] {
  const start = Date.parse(period.from);
  const end = Date.parse(period.to);
  const days: string[] = [];
  for (let day = addDays(new Date(start), 0); day.getTime() < end; day = addDays(day, 1)) {
    if (day.getTime() >= start) days.push(localDayKey(day));
  }
  return days;
}
