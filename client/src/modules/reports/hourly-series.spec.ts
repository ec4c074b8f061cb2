import { describe, expect, it } from '@jest/globals';
import { hourTicks, hourlySeries } from './hourly-series';

const HOUR = 3_600_000;

describe('hourlySeries', () => {
  const from = new Date(2026, 5, 1).getTime();
  const period = { from: new Date(from).toISOString(), to: new Date(from + 24 * HOUR).toISOString() };

  it('fills every hour of the period with zeros where nothing was sent', () => {
    const series = hourlySeries([{ at: new Date(from + 2 * HOUR).toISOString(), inbound: 3, outbound: 1 }], period);
    expect(series).toHaveLength(24);
    expect(series[0]).toEqual({ at: from, inbound: 0, outbound: 0 });
    expect(series[2]).toEqual({ at: from + 2 * HOUR, inbound: 3, outbound: 1 });
  });

  it('keeps an hour off the grid rather than losing its messages', () => {
    const series = hourlySeries([{ at: new Date(from + HOUR / 2).toISOString(), inbound: 1, outbound: 0 }], period);
    expect(series).toHaveLength(25);
    expect(series[1]).toEqual({ at: from + HOUR / 2, inbound: 1, outbound: 0 });
  });
});

describe('hourTicks', () => {
  it('ticks every 3 hours of one day', () => {
    const from = new Date(2026, 5, 1);
    const ticks = hourTicks({ from: from.toISOString(), to: new Date(2026, 5, 2).toISOString() });
    expect(ticks).toHaveLength(8);
    expect(ticks[1]! - ticks[0]!).toBe(3 * HOUR);
  });

  it('ticks local midnights of longer periods, thinned', () => {
    const week = hourTicks({ from: new Date(2026, 5, 1).toISOString(), to: new Date(2026, 5, 8).toISOString() });
    expect(week).toEqual(Array.from({ length: 7 }, (_, i) => new Date(2026, 5, 1 + i).getTime()));
    const month = hourTicks({ from: new Date(2026, 2, 1).toISOString(), to: new Date(2026, 2, 31).toISOString() });
    expect(month.length).toBeLessThanOrEqual(10);
    expect(month.every((t) => new Date(t).getHours() === 0)).toBe(true);
  });
});
