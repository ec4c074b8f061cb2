import { describe, expect, it } from '@jest/globals';
import { durationTicks } from './duration-ticks';

describe('durationTicks', () => {
  it.each([
    [0, [0, 60]],
    [Number.NaN, [0, 60]],
    [3, [0, 1, 2, 3]],
    [2_580, [0, 900, 1_800, 2_700]],
    [3_600, [0, 900, 1_800, 2_700, 3_600]],
    [6_000, [0, 1_800, 3_600, 5_400, 7_200]],
    [90_000, [0, 43_200, 86_400, 129_600]],
  ])('up to %p s', (max, ticks) => {
    expect(durationTicks(max)).toEqual(ticks);
  });

  it('keeps to whole weeks beyond the largest step', () => {
    expect(durationTicks(10 * 604_800)).toEqual([0, 1_814_400, 3_628_800, 5_443_200, 7_257_600]);
  });
});
