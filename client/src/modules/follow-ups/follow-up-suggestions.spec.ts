import { describe, expect, it } from '@jest/globals';
import type { SendCheck } from '@rapport/shared';
import { followUpSuggestions, formatInZone } from './follow-up-suggestions';

const tokyo: SendCheck['contact'] = { timezone: 'Asia/Tokyo', contactHours: { days: [1, 2, 3, 4, 5], from: '09:30', to: '17:00' }, inContactHours: false, nextContactAt: '2025-01-09T00:30:00.000Z' };

describe('followUpSuggestions', () => {
  const wednesday = new Date(2025, 0, 8, 14, 30);

  it('offers an hour, tomorrow 09:00 on the agent’s clock, the customer’s next contact hours and next week, soonest first', () => {
    const options = followUpSuggestions(wednesday, tokyo);
    expect(options.map((o) => o.key).sort()).toEqual(['hour', 'next-week', 'their-hours', 'tomorrow']);
    expect(options.map((o) => o.at.getTime())).toEqual([...options.map((o) => o.at.getTime())].sort((a, b) => a - b));
    expect(options.find((o) => o.key === 'tomorrow')?.at).toEqual(new Date(2025, 0, 9, 9, 0));
    expect(options.find((o) => o.key === 'next-week')?.at).toEqual(new Date(2025, 0, 13, 9, 0));
    expect(options.find((o) => o.key === 'hour')?.request).toEqual({ dueAt: new Date(2025, 0, 8, 15, 30).toISOString() });
  });

  it('leaves the customer’s time to the server and shows it on both clocks', () => {
    const theirs = followUpSuggestions(wednesday, tokyo, 'Europe/Madrid').find((o) => o.key === 'their-hours')!;
    expect(theirs).toMatchObject({ label: 'Their next contact hours', request: { inCustomerHours: true }, at: new Date('2025-01-09T00:30:00.000Z') });
    expect(theirs.customerTime).toBe('Thu 09:30 their time');
    expect(theirs.agentTime).toBe('Thu 01:30');
  });

  it('names tomorrow 09:00 their time when they gave no hours, in UTC when their timezone is unknown', () => {
    const unknown = { timezone: null, contactHours: null, inContactHours: null, nextContactAt: '2025-01-09T09:00:00.000Z' };
    const theirs = followUpSuggestions(wednesday, unknown).find((o) => o.key === 'their-hours')!;
    expect([theirs.label, theirs.customerTime]).toEqual(['Tomorrow 09:00 their time', 'Thu 09:00 their time (UTC)']);
  });

  it('keeps the customer’s reading when it is the same instant as the agent’s', () => {
    const same = { ...tokyo, nextContactAt: new Date(2025, 0, 9, 9, 0).toISOString() };
    expect(followUpSuggestions(wednesday, same).map((o) => o.key)).toEqual(['hour', 'their-hours', 'next-week']);
  });

  it('offers only the agent’s clock before the send check answered', () => {
    const options = followUpSuggestions(wednesday, undefined);
    expect(options.map((o) => o.key)).toEqual(['hour', 'tomorrow', 'next-week']);
    expect(options.every((o) => o.customerTime === null)).toBe(true);
  });
});

describe('formatInZone', () => {
  it('reads a time on another clock, 24-hour', () => {
    expect(formatInZone(new Date('2026-01-05T00:30:00Z'), 'Asia/Tokyo')).toBe('Mon 09:30');
    expect(formatInZone(new Date('2026-07-05T22:05:00Z'), 'America/New_York')).toBe('Sun 18:05');
  });
});
