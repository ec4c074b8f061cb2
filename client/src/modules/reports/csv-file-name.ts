import type { ResponseTimeGroup } from '@rapport/shared';
import { localDayKey, type ReportPeriod } from './report-period';

/** "rapport-response-times-by-agent-2026-03-24-to-2026-03-30.csv": the grouping and the local days covered. */
export function csvFileName(groupBy: ResponseTimeGroup, period: ReportPeriod): string {
  const first = localDayKey(new Date(period.from));
  // `to` is the midnight after the last day.
  const last = localDayKey(new Date(Date.parse(period.to) - 1));
  return `rapport-response-times-by-${groupBy}-${first === last ? first : `${first}-to-${last}`}.csv`;
}
