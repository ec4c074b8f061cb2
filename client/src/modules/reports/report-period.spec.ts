import { describe, expect, it } from '@jest/globals';
import { addDays, localDayKey, localDays, parseDayKey, presetDays, resolvePeriod, type ReportPeriod } from './report-period';

// Written against local-time constructors, so the specs hold in any TZ the runner has.
const midnight = (y: number, m: number, d: number): string => new Date(y, m - 1, d).toISOString();

describe('day keys', () => {
  it('parses real calendar days only', () => {
    expect(parseDayKey('2026-03-29')?.getTime()).toBe(new Date(2026, 2, 29).getTime());
    expect(parseDayKey('2026-02-30')).toBeNull();
    expect(parseDayKey('2026-3-1')).toBeNull();
    expect(parseDayKey('')).toBeNull();
  });

  it('formats local days and steps by calendar days', () => {
    expect(localDayKey(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localDayKey(addDays(new Date(2026, 11, 31, 15), 1))).toBe('2027-01-01');
    expect(addDays(new Date(2026, 2, 28, 18), 2).getHours()).toBe(0);
  });
});

describe('resolvePeriod', () => {
  it.each([
    ['today', '2026-03-30', midnight(2026, 3, 30), midnight(2026, 3, 31)],
    ['7d', '2026-03-30', midnight(2026, 3, 24), midnight(2026, 3, 31)],
    ['30d', '2026-03-01', midnight(2026, 1, 31), midnight(2026, 3, 2)],
  ] as const)('%s ending %s', (preset, today, from, to) => {
    expect(resolvePeriod({ preset }, today)).toEqual({ ok: true, period: { from, to } });
  });

  it('takes custom days inclusive of both ends', () => {
    expect(resolvePeriod({ preset: 'custom', from: '2026-10-20', to: '2026-10-26' }, '2026-11-01')).toEqual({
      ok: true,
      period: { from: midnight(2026, 10, 20), to: midnight(2026, 10, 27) },
    });
    expect(resolvePeriod({ preset: 'custom', from: '2026-10-20', to: '2026-10-20' }, '2026-11-01')).toMatchObject({ ok: true });
  });

  it('allows a full year of 366 days', () => {
    expect(resolvePeriod({ preset: 'custom', from: '2025-01-01', to: '2026-01-01' }, '2026-11-01')).toMatchObject({ ok: true });
  });

  it.each([
    [{ from: '', to: '2026-10-26' }, 'Pick a start and an end date.'],
    [{ from: '2026-10-27', to: '2026-10-26' }, 'The end date is before the start date.'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'Pick at most 366 days.'],
  ])('refuses %o', (days, reason) => {
    expect(resolvePeriod({ preset: 'custom', ...days }, '2026-11-01')).toEqual({ ok: false, reason });
  });

  it('prefills custom days from a preset', () => {
    expect(presetDays('7d', '2026-01-03')).toEqual({ from: '2025-12-28', to: '2026-01-03' });
    expect(presetDays('today', '2026-01-03')).toEqual({ from: '2026-01-03', to: '2026-01-03' });
  });
});

describe('localDays', () => {
  it('lists every day of the period, across month ends and DST changes', () => {
    const period: ReportPeriod = { from: midnight(2026, 3, 27), to: midnight(2026, 4, 2) };
    expect(localDays(period)).toEqual(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01']);
  });

  it('is one day for today', () => {
    expect(localDays({ from: midnight(2026, 10, 25), to: midnight(2026, 10, 26) })).toEqual(['2026-10-25']);
  });
});
