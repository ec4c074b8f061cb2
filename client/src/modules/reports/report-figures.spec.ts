import { describe, expect, it } from '@jest/globals';
import { figureOf, reportTotals } from './report-figures';
import { clock, makeRow } from './report-rows.fixture';

describe('figureOf', () => {
  const summary = clock(3, 600, 1_800, [120, 900]);
  it.each([
    ['wall', 'median', 600],
    ['wall', 'p90', 1_800],
    ['business', 'median', 120],
    ['business', 'p90', 900],
  ] as const)('%s %s', (mode, stat, value) => {
    expect(figureOf(summary, mode, stat)).toBe(value);
  });
});

describe('reportTotals', () => {
  it('is empty without rows', () => {
    expect(reportTotals([], 'wall')).toEqual({
      clocks: {
        firstResponse: { count: 0, median: null, exact: true },
        nextReply: { count: 0, median: null, exact: true },
        resolution: { count: 0, median: null, exact: true },
      },
      answeredWithinHourPct: null,
      slaBreaches: 0,
    });
  });

  it('takes one row as it is, in either clock', () => {
    const rows = [makeRow({ key: 'care', firstResponse: clock(4, 300, 900, [60, 200]), slaBreaches: 2, answeredWithinHourPct: 75 })];
    expect(reportTotals(rows, 'wall').clocks.firstResponse).toEqual({ count: 4, median: 300, exact: true });
    expect(reportTotals(rows, 'business').clocks.firstResponse).toEqual({ count: 4, median: 60, exact: true });
    expect(reportTotals(rows, 'wall')).toMatchObject({ answeredWithinHourPct: 75, slaBreaches: 2 });
  });

  it('estimates the median of several rows by their counts, and weights the within-hour share', () => {
    const rows = [
      makeRow({ key: 'a', firstResponse: clock(1, 100), answeredWithinHourPct: 100, slaBreaches: 1 }),
      makeRow({ key: 'b', firstResponse: clock(3, 4_000), answeredWithinHourPct: 0, slaBreaches: 2 }),
      makeRow({ key: 'c', resolution: clock(2, 50) }),
    ];
    const totals = reportTotals(rows, 'wall');
    expect(totals.clocks.firstResponse).toEqual({ count: 4, median: 4_000, exact: false });
    // Only one row has resolutions: its median is the exact one.
    expect(totals.clocks.resolution).toEqual({ count: 2, median: 50, exact: true });
    expect(totals.answeredWithinHourPct).toBe(25);
    expect(totals.slaBreaches).toBe(3);
  });
});
