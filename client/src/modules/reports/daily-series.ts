import type { ResponseTimesRow } from '@rapport/shared';
import { CLOCKS, figureOf, type Clock, type ClockMode, type Stat } from './report-figures';

/** One day on a trend chart: a clock's figure (null on a day it never stopped: a gap) and how many stopped. */
export type DailyPoint = { day: string } & Record<Clock, number | null> & Record<`${Clock}Count`, number>;

/** Every day of the period in order, from the `groupBy=day` rows (which leave out days without clocks). */
export function dailySeries(rows: readonly ResponseTimesRow[], days: readonly string[], mode: ClockMode, stat: Stat): DailyPoint[] {
  const byDay = new Map(rows.map((row) => [row.key, row]));
  return days.map((day) => {
    const row = byDay.get(day);
    const point = { day } as DailyPoint;
    for (const clock of CLOCKS) {
      point[clock] = row && row[clock].count > 0 ? figureOf(row[clock], mode, stat) : null;
      point[`${clock}Count`] = row?.[clock].count ?? 0;
    }
    return point;
  });
}
