import type { VolumeReport } from '@rapport/shared';
import { addDays } from './report-period';
import type { ReportPeriod } from './report-period';

const HOUR_MS = 3_600_000;

export interface HourlyPoint {
  /** Start of the local hour, ms since the epoch. */
  at: number;
  inbound: number;
  outbound: number;
}

/** Every hour of the period with its message counts; the report leaves out hours without messages. */
export function hourlySeries(byHour: VolumeReport['byHour'], period: ReportPeriod): HourlyPoint[] {
  const counts = new Map(byHour.map((h) => [Date.parse(h.at), h]));
  const points: HourlyPoint[] = [];
  const end = Date.parse(period.to);
  for (let at = Date.parse(period.from); at < end; at += HOUR_MS) {
    const hour = counts.get(at);
    counts.delete(at);
    points.push({ at, inbound: hour?.inbound ?? 0, outbound: hour?.outbound ?? 0 });
  }
  // Hours that do not fall on the grid (a period not starting on a local hour) are kept, not dropped.
  for (const [at, hour] of counts) points.push({ at, inbound: hour.inbound, outbound: hour.outbound });
  return points.sort((a, b) => a.at - b.at);
}

/** Axis ticks: every 3 hours of a single day, else local midnights, thinned to about `max` of them. */
export function hourTicks(period: ReportPeriod, max = 10): number[] {
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  if (to - from <= 25 * HOUR_MS) {
    const ticks: number[] = [];
    for (let at = from; at < to; at += 3 * HOUR_MS) ticks.push(at);
    return ticks;
  }
  const midnights: number[] = [];
  for (let day = addDays(new Date(from), 0); day.getTime() < to; day = addDays(day, 1)) if (day.getTime() >= from) midnights.push(day.getTime());
  const step = Math.max(1, Math.ceil(midnights.length / max));
  return midnights.filter((_, i) => i % step === 0);
}
