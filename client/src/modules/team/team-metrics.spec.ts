import { describe, expect, it } from '@jest/globals';
import type { ClockSummary, ResponseTimesRow } from '@rapport/shared';
import { firstResponseMedians, localMidnightIso } from './team-metrics';

const clock = (count: number, median: number | null): ClockSummary => ({ count, median, p90: median, businessHours: { median, p90: median } });
const row = (key: string | null, firstResponse: ClockSummary): ResponseTimesRow => ({
  key,
  name: key ?? 'Nobody',
  firstResponse,
  nextReply: clock(0, null),
  resolution: clock(0, null),
  slaBreaches: 0,
  answeredWithinHourPct: null,
});

describe('localMidnightIso', () => {
  it('is the local start of the same day', () => {
    const now = new Date(2025, 2, 10, 15, 42, 7).getTime();
    expect(localMidnightIso(now)).toBe(new Date(2025, 2, 10).toISOString());
    expect(localMidnightIso(new Date(2025, 2, 10).getTime())).toBe(new Date(2025, 2, 10).toISOString());
  });
});

describe('firstResponseMedians', () => {
  it('keeps agents with a first response today, by id', () => {
    const medians = firstResponseMedians({ rows: [row('bea', clock(3, 240)), row('alex', clock(0, null)), row(null, clock(2, 60))] });
    expect([...medians]).toEqual([['bea', 240]]);
    expect(firstResponseMedians(undefined).size).toBe(0);
  });
});
