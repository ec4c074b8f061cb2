import { describe, expect, it } from '@jest/globals';
import { addHoliday, draftOf, hoursOf, nextRange, sameHours, timeZoneOptions, type HoursDraft, type Range, type Weekday } from './business-hours';

const closedWeek = (): Record<Weekday, Range[]> => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
const draft = (days: Partial<Record<Weekday, Range[]>>): HoursDraft => ({ alwaysOpen: false, days: { ...closedWeek(), ...days } });

describe('draftOf', () => {
  it('reads {} as always open, offering an office week to start from', () => {
    const d = draftOf({});
    expect(d.alwaysOpen).toBe(true);
    expect(d.days.mon).toEqual([['09:00', '17:00']]);
    expect(d.days.sun).toEqual([]);
  });

  it('reads left-out days as closed', () => {
    const d = draftOf({ mon: [['09:00', '13:00'], ['14:00', '18:00']] });
    expect(d).toEqual(draft({ mon: [['09:00', '13:00'], ['14:00', '18:00']] }));
  });
});

describe('hoursOf', () => {
  it.each<[string, HoursDraft, ReturnType<typeof hoursOf>]>([
    ['always open', { alwaysOpen: true, days: closedWeek() }, { ok: true, value: {} }],
    ['a split shift, sorted, closed days left out', draft({ tue: [['14:00', '18:00'], ['09:00', '13:00']] }), { ok: true, value: { tue: [['09:00', '13:00'], ['14:00', '18:00']] } }],
    ['until midnight', draft({ sat: [['18:00', '24:00']] }), { ok: true, value: { sat: [['18:00', '24:00']] } }],
    ['spaces trimmed', draft({ mon: [[' 09:00', '17:00 ']] }), { ok: true, value: { mon: [['09:00', '17:00']] } }],
    ['no hours at all', draft({}), { ok: false, error: 'Give at least one day opening hours, or choose “Always open”' }],
    ['24:00 as a start', draft({ mon: [['24:00', '24:00']] }), { ok: false, error: 'Monday: "24:00" is not a start time like 09:00' }],
    ['a malformed end', draft({ fri: [['09:00', '5pm']] }), { ok: false, error: 'Friday: "5pm" is not an end time like 17:00 (24:00 for midnight)' }],
    ['must end after it starts', draft({ wed: [['17:00', '09:00']] }), { ok: false, error: 'Wednesday: 17:00–09:00 must end after it starts' }],
    ['an empty range', draft({ wed: [['09:00', '09:00']] }), { ok: false, error: 'Wednesday: 09:00–09:00 must end after it starts' }],
    ['overlapping ranges', draft({ thu: [['12:00', '18:00'], ['09:00', '13:00']] }), { ok: false, error: 'Thursday: 09:00–13:00 and 12:00–18:00 overlap' }],
    ['touching ranges are fine', draft({ thu: [['09:00', '13:00'], ['13:00', '18:00']] }), { ok: true, value: { thu: [['09:00', '13:00'], ['13:00', '18:00']] } }],
  ])('%s', (_name, value, expected) => {
    expect(hoursOf(value)).toEqual(expected);
  });

  it('refuses more ranges than the server keeps', () => {
    const seven: Range[] = Array.from({ length: 7 }, (_, i): Range => [`0${i}:00`, `0${i}:30`]);
    expect(hoursOf(draft({ sun: seven }))).toEqual({ ok: false, error: 'Sunday: at most 6 ranges a day' });
  });
});

describe('nextRange', () => {
  it.each<[Range[], Range]>([
    [[], ['09:00', '17:00']],
    [[['09:00', '13:00']], ['14:00', '18:00']],
    [[['09:00', '21:30']], ['22:30', '24:00']],
    [[['18:00', '24:00']], ['23:00', '24:00']],
    [[['09:00', 'oops']], ['09:00', '17:00']],
  ])('after %j → %j', (ranges, expected) => {
    expect(nextRange(ranges)).toEqual(expected);
  });
});

describe('holidays and comparisons', () => {
  it('adds a date once, in order, and ignores junk', () => {
    expect(addHoliday(['2026-12-25'], '2026-01-01')).toEqual(['2026-01-01', '2026-12-25']);
    expect(addHoliday(['2026-12-25'], '2026-12-25')).toEqual(['2026-12-25']);
    expect(addHoliday(['2026-12-25'], '')).toEqual(['2026-12-25']);
    expect(addHoliday([], '2026-02-31x')).toEqual([]);
  });

  it('compares hours whatever the key order', () => {
    expect(sameHours({ tue: [['09:00', '17:00']], mon: [['09:00', '17:00']] }, { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']] })).toBe(true);
    expect(sameHours({ mon: [['09:00', '17:00']] }, {})).toBe(false);
  });

  it('always offers UTC and the current zone', () => {
    expect(timeZoneOptions('Mars/Olympus', ['Europe/Madrid', 'America/New_York'])).toEqual(['America/New_York', 'Europe/Madrid', 'Mars/Olympus', 'UTC']);
  });
});
