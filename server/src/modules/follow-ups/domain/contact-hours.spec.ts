import { describe, expect, it } from '@jest/globals';
import { describeContactHours, firstContactMoment, isWithinContactHours, localTimeLabel, nextContactStart, type ContactProfile } from './contact-hours.js';

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const madridOffice: ContactProfile = { timezone: 'Europe/Madrid', contactHours: { days: weekdays, from: '09:00', to: '17:00' } };
const at = (iso: string) => new Date(iso);

// 2026-01-02 is a Friday, 2026-01-05 a Monday. Madrid moves to summer time on Sunday 2026-03-29 and back
// on Sunday 2026-10-25; New York on Sunday 2026-03-08.
describe('nextContactStart', () => {
  it.each<[string, ContactProfile, string, string]>([
    ['after Friday’s hours: Monday 09:00 in Madrid', madridOffice, '2026-01-02T18:00:00Z', '2026-01-05T08:00:00.000Z'],
    ['before the day’s hours: today at 09:00', madridOffice, '2026-01-05T06:00:00Z', '2026-01-05T08:00:00.000Z'],
    ['inside the hours: the next day’s start, not now', madridOffice, '2026-01-05T09:00:00Z', '2026-01-06T08:00:00.000Z'],
    ['exactly at a start: the next one', madridOffice, '2026-01-05T08:00:00Z', '2026-01-06T08:00:00.000Z'],
    ['over the weekend: Monday', madridOffice, '2026-01-03T12:00:00Z', '2026-01-05T08:00:00.000Z'],
    ['on the day summer time starts: 09:00 CEST is 07:00 UTC', { timezone: 'Europe/Madrid', contactHours: { days: everyDay, from: '09:00', to: '17:00' } }, '2026-03-28T12:00:00Z', '2026-03-29T07:00:00.000Z'],
    ['on the day summer time ends: 09:00 CET is 08:00 UTC', { timezone: 'Europe/Madrid', contactHours: { days: everyDay, from: '09:00', to: '17:00' } }, '2026-10-24T12:00:00Z', '2026-10-25T08:00:00.000Z'],
    ['a start in the hour the clocks skip moves forward with the clock', { timezone: 'Europe/Madrid', contactHours: { days: [7], from: '02:30', to: '06:00' } }, '2026-03-28T12:00:00Z', '2026-03-29T01:30:00.000Z'],
    ['New York across its own DST change', { timezone: 'America/New_York', contactHours: { days: everyDay, from: '09:00', to: '17:00' } }, '2026-03-07T20:00:00Z', '2026-03-08T13:00:00.000Z'],
    ['by the customer’s date, not UTC’s (Monday night in New York)', { timezone: 'America/New_York', contactHours: { days: weekdays, from: '09:00', to: '17:00' } }, '2026-01-06T03:00:00Z', '2026-01-06T14:00:00.000Z'],
    ['by the customer’s date ahead of UTC (Tokyo)', { timezone: 'Asia/Tokyo', contactHours: { days: weekdays, from: '09:00', to: '17:00' } }, '2026-01-05T00:30:00Z', '2026-01-06T00:00:00.000Z'],
    ['weekends only: Saturday', { timezone: 'UTC', contactHours: { days: [6, 7], from: '10:00', to: '14:00' } }, '2026-01-05T12:00:00Z', '2026-01-10T10:00:00.000Z'],
    ['without contact hours: 09:00 of their next day', { timezone: 'Europe/Madrid', contactHours: null }, '2026-01-05T22:30:00Z', '2026-01-06T08:00:00.000Z'],
    ['without contact hours just after their midnight: the day after', { timezone: 'Europe/Madrid', contactHours: null }, '2026-01-05T23:30:00Z', '2026-01-07T08:00:00.000Z'],
    ['without a timezone: UTC', { timezone: null, contactHours: null }, '2026-01-05T23:30:00Z', '2026-01-06T09:00:00.000Z'],
    ['an unknown timezone counts as UTC', { timezone: 'Mars/Olympus', contactHours: { days: weekdays, from: '09:00', to: '17:00' } }, '2026-01-02T18:00:00Z', '2026-01-05T09:00:00.000Z'],
    ['no day listed: like no hours', { timezone: 'UTC', contactHours: { days: [], from: '09:00', to: '17:00' } }, '2026-01-05T12:00:00Z', '2026-01-06T09:00:00.000Z'],
  ])('%s', (_why, profile, after, expected) => {
    expect(nextContactStart(profile, at(after)).toISOString()).toBe(expected);
  });
});

describe('isWithinContactHours', () => {
  it.each<[string, ContactProfile, string, boolean | null]>([
    ['inside, in the customer’s timezone', madridOffice, '2026-01-05T15:59:00Z', true],
    ['the start counts as inside', madridOffice, '2026-01-05T08:00:00Z', true],
    ['the end counts as outside', madridOffice, '2026-01-05T16:00:00Z', false],
    ['a day not listed', madridOffice, '2026-01-03T10:00:00Z', false],
    ['in summer time the same local hours are an hour earlier in UTC', madridOffice, '2026-06-01T07:30:00Z', true],
    ['a window that runs past midnight is still open the next morning', { timezone: 'UTC', contactHours: { days: [5], from: '22:00', to: '06:00' } }, '2026-01-03T02:00:00Z', true],
    ['“24:00” closes at midnight', { timezone: 'UTC', contactHours: { days: [1], from: '18:00', to: '24:00' } }, '2026-01-05T23:59:00Z', true],
    ['no contact hours: unknown', { timezone: 'Europe/Madrid', contactHours: null }, '2026-01-05T10:00:00Z', null],
  ])('%s', (_why, profile, when, expected) => {
    expect(isWithinContactHours(profile, at(when))).toBe(expected);
  });
});

describe('firstContactMoment', () => {
  it.each<[string, ContactProfile, string, string]>([
    ['a time inside the hours stays', madridOffice, '2026-01-05T10:00:00Z', '2026-01-05T10:00:00.000Z'],
    ['a time outside moves to the next start', madridOffice, '2026-01-05T20:00:00Z', '2026-01-06T08:00:00.000Z'],
    ['without hours any time is fine', { timezone: 'UTC', contactHours: null }, '2026-01-05T03:00:00Z', '2026-01-05T03:00:00.000Z'],
  ])('%s', (_why, profile, when, expected) => {
    expect(firstContactMoment(profile, at(when)).toISOString()).toBe(expected);
  });
});

describe('describeContactHours', () => {
  it.each<[number[], string]>([
    [weekdays, 'Mon–Fri 09:00–17:00'],
    [[1, 3], 'Mon, Wed 09:00–17:00'],
    [[6, 7], 'Sat, Sun 09:00–17:00'],
    [[1, 2, 3, 5], 'Mon–Wed, Fri 09:00–17:00'],
  ])('%j', (days, expected) => {
    expect(describeContactHours({ days, from: '09:00', to: '17:00' })).toBe(expected);
  });

  it('names the customer’s own weekday and time', () => {
    expect(localTimeLabel({ timezone: 'Asia/Tokyo' }, at('2026-01-02T15:10:00Z'))).toBe('Sat 00:10');
  });
});
