import { describe, expect, it } from '@jest/globals';
import { addBusinessSeconds, businessSecondsBetween, type BusinessCalendar } from './business-hours.js';

const weekdays = (ranges: Array<[string, string]>): BusinessCalendar['businessHours'] => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });
const nineToFive: BusinessCalendar = { timezone: 'UTC', businessHours: weekdays([['09:00', '17:00']]) };
const at = (iso: string) => new Date(iso);
const H = 3600;

describe('businessSecondsBetween', () => {
  // 2026-01-02 is a Friday, 2026-01-05 a Monday.
  it.each<[string, BusinessCalendar, string, string, number]>([
    ['counts a wait from Friday 17:00 to Monday 09:15 as 15 minutes', nineToFive, '2026-01-02T17:00:00Z', '2026-01-05T09:15:00Z', 15 * 60],
    ['counts wall clock inside one open range', nineToFive, '2026-01-05T10:00:00Z', '2026-01-05T11:30:00Z', 1.5 * H],
    ['counts nothing before opening and after closing', nineToFive, '2026-01-05T06:00:00Z', '2026-01-05T08:59:00Z', 0],
    ['counts a whole weekend as nothing', nineToFive, '2026-01-03T00:00:00Z', '2026-01-05T00:00:00Z', 0],
    ['counts a full working week as 40 hours', nineToFive, '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', 40 * H],
    ['skips the lunch break of a split shift', { timezone: 'UTC', businessHours: weekdays([['09:00', '12:00'], ['13:00', '17:00']]) }, '2026-01-05T11:00:00Z', '2026-01-05T14:00:00Z', 2 * H],
    ['skips a holiday in the team’s calendar', { ...nineToFive, holidays: ['2026-01-05'] }, '2026-01-02T16:00:00Z', '2026-01-06T10:00:00Z', 2 * H],
    ['reads the hours in the team’s timezone', { timezone: 'America/New_York', businessHours: weekdays([['09:00', '17:00']]) }, '2026-01-05T13:00:00Z', '2026-01-05T15:00:00Z', 1 * H],
    ['takes a holiday by the team’s local date', { timezone: 'Asia/Tokyo', businessHours: weekdays([['09:00', '17:00']]), holidays: ['2026-01-06'] }, '2026-01-05T23:00:00Z', '2026-01-06T09:00:00Z', 0],
    ['counts the short day of a DST change in spring as 23 hours', { timezone: 'Europe/Madrid', businessHours: { sun: [['00:00', '24:00']] } }, '2026-03-28T23:00:00Z', '2026-03-29T23:00:00Z', 23 * H],
    ['counts the long day of a DST change in autumn as 25 hours', { timezone: 'Europe/Madrid', businessHours: { sun: [['00:00', '24:00']] } }, '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', 25 * H],
    ['keeps 09:00–17:00 local across a DST change', { timezone: 'Europe/Madrid', businessHours: weekdays([['09:00', '17:00']]) }, '2026-03-27T00:00:00Z', '2026-03-31T00:00:00Z', 16 * H],
    ['treats no hours at all ({}) as always open', { timezone: 'UTC', businessHours: {} }, '2026-01-03T10:00:00Z', '2026-01-03T12:00:00Z', 2 * H],
    ['counts nothing when every listed day is closed', { timezone: 'UTC', businessHours: { mon: [] } }, '2026-01-05T00:00:00Z', '2026-01-12T00:00:00Z', 0],
    ['counts nothing backwards', nineToFive, '2026-01-05T12:00:00Z', '2026-01-05T10:00:00Z', 0],
  ])('%s', (_why, calendar, from, to, seconds) => {
    expect(businessSecondsBetween(calendar, at(from), at(to))).toBe(seconds);
  });
});

describe('addBusinessSeconds', () => {
  it.each<[string, BusinessCalendar, string, number, string | null]>([
    ['adds within the same open range', nineToFive, '2026-01-05T10:00:00Z', H, '2026-01-05T11:00:00.000Z'],
    ['carries over the weekend', nineToFive, '2026-01-02T16:30:00Z', H, '2026-01-05T09:30:00.000Z'],
    ['starts counting at the next opening', nineToFive, '2026-01-03T12:00:00Z', 30 * 60, '2026-01-05T09:30:00.000Z'],
    ['jumps the lunch break', { timezone: 'UTC', businessHours: weekdays([['09:00', '12:00'], ['13:00', '17:00']]) }, '2026-01-05T11:30:00Z', H, '2026-01-05T13:30:00.000Z'],
    ['skips holidays', { ...nineToFive, holidays: ['2026-01-05'] }, '2026-01-02T16:30:00Z', H, '2026-01-06T09:30:00.000Z'],
    ['is wall clock when always open', { timezone: 'UTC', businessHours: {} }, '2026-01-03T12:00:00Z', 2 * H, '2026-01-03T14:00:00.000Z'],
    ['never comes for a calendar that is never open', { timezone: 'UTC', businessHours: { mon: [] } }, '2026-01-05T00:00:00Z', H, null],
  ])('%s', (_why, calendar, from, seconds, due) => {
    expect(addBusinessSeconds(calendar, at(from), seconds)?.toISOString() ?? null).toBe(due);
  });

  it('is the inverse of businessSecondsBetween', () => {
    const calendar: BusinessCalendar = { timezone: 'Europe/Madrid', businessHours: weekdays([['08:30', '13:00'], ['15:00', '19:00']]), holidays: ['2026-03-30'] };
    const from = at('2026-03-26T17:45:00Z');
    for (const seconds of [60, 4 * H, 9 * H, 30 * H]) {
      const due = addBusinessSeconds(calendar, from, seconds)!;
      expect(businessSecondsBetween(calendar, from, due)).toBe(seconds);
    }
  });
});
