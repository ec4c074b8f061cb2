import type { ClockSummary, ResponseTimesRow } from '@rapport/shared';

/** Plain report rows for the unit tests. */
export function clock(count: number, median: number | null, p90: number | null = median, business: [number | null, number | null] = [median, p90]): ClockSummary {
  return { count, median, p90, businessHours: { median: business[0], p90: business[1] } };
}

const NONE = clock(0, null);

export function makeRow(overrides: Partial<ResponseTimesRow> & { key: string | null }): ResponseTimesRow {
  return { name: overrides.key ?? 'none', firstResponse: NONE, nextReply: NONE, resolution: NONE, slaBreaches: 0, answeredWithinHourPct: null, ...overrides };
}
