import { describe, expect, it } from '@jest/globals';
import { dailySeries } from './daily-series';
import { clock, makeRow } from './report-rows.fixture';

describe('dailySeries', () => {
  const rows = [makeRow({ key: '2026-03-02', firstResponse: clock(2, 300, 600, [100, 200]), resolution: clock(1, 7_200) })];
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'];

  it('keeps every day of the axis, with gaps and zero counts where no clock stopped', () => {
    expect(dailySeries(rows, days, 'wall', 'median')).toEqual([
      { day: '2026-03-01', firstResponse: null, nextReply: null, resolution: null, firstResponseCount: 0, nextReplyCount: 0, resolutionCount: 0 },
      { day: '2026-03-02', firstResponse: 300, nextReply: null, resolution: 7_200, firstResponseCount: 2, nextReplyCount: 0, resolutionCount: 1 },
      { day: '2026-03-03', firstResponse: null, nextReply: null, resolution: null, firstResponseCount: 0, nextReplyCount: 0, resolutionCount: 0 },
    ]);
  });

  it('reads the chosen clock and statistic', () => {
    expect(dailySeries(rows, days, 'business', 'p90')[1]).toMatchObject({ firstResponse: 200, resolution: 7_200 });
  });

  it('ignores rows outside the axis', () => {
    expect(dailySeries([makeRow({ key: '2026-02-01', firstResponse: clock(1, 5) })], days, 'wall', 'median').every((p) => p.firstResponse === null)).toBe(true);
  });
});
