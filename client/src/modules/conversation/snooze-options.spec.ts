import { describe, expect, it } from '@jest/globals';
import { snoozeOptions } from './snooze-options';

describe('snoozeOptions', () => {
  it('offers hours, tomorrow 9:00 and Monday 9:00 of next week', () => {
    const wednesday = new Date(2025, 0, 8, 14, 30);
    const options = snoozeOptions(wednesday);
    expect(options.map((o) => o.label)).toEqual(['1 hour', '4 hours', 'Tomorrow morning', 'Next week']);
    expect(options[2]?.until).toEqual(new Date(2025, 0, 9, 9, 0));
    expect(options[3]?.until).toEqual(new Date(2025, 0, 13, 9, 0));
  });

  it('on a Sunday, next week means the Monday after tomorrow', () => {
    const sunday = new Date(2025, 0, 12, 14, 30);
    const options = snoozeOptions(sunday);
    expect(options[2]?.until).toEqual(new Date(2025, 0, 13, 9, 0));
    expect(options[3]?.until).toEqual(new Date(2025, 0, 20, 9, 0));
  });
});
