import { describe, expect, it } from '@jest/globals';
import { formatRelativeTime } from './format-time';

describe('formatRelativeTime', () => {
  const now = Date.parse('2025-03-10T12:00:00.000Z');
  it.each([
    ['2025-03-10T11:59:30.000Z', 'now'],
    ['2025-03-10T11:55:00.000Z', '5m'],
    ['2025-03-10T09:00:00.000Z', '3h'],
    ['2025-03-08T12:00:00.000Z', '2d'],
    ['2025-03-10T12:05:00.000Z', 'now'],
  ])('%s → %s', (iso, expected) => {
    expect(formatRelativeTime(iso, now)).toBe(expected);
  });

  it('is empty for missing or invalid times', () => {
    expect(formatRelativeTime(null, now)).toBe('');
    expect(formatRelativeTime('not a date', now)).toBe('');
  });
});
