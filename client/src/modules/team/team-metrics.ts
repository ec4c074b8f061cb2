import type { ResponseTimesReport } from '@rapport/shared';

/** The start of the local day holding `now`, as an ISO instant: what "today" means to the person looking. */
export function localMidnightIso(now: number): string {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return day.toISOString();
}

/** Each agent's median first response (wall-clock seconds) from a report grouped by agent; agents without one are left out. */
export function firstResponseMedians(report: Pick<ResponseTimesReport, 'rows'> | undefined): ReadonlyMap<string, number> {
  const medians = new Map<string, number>();
  for (const row of report?.rows ?? []) {
    if (row.key !== null && row.firstResponse.count > 0 && row.firstResponse.median !== null) medians.set(row.key, row.firstResponse.median);
  }
  return medians;
}
