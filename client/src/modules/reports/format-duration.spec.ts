import { describe, expect, it } from '@jest/globals';
import { formatDuration, formatPercent } from './format-duration';

describe('formatDuration', () => {
  it.each([
    [null, '—'],
    [-5, '—'],
    [Number.NaN, '—'],
    [0, '0 s'],
    [45, '45 s'],
    [59.4, '59 s'],
    [59.6, '1 min'],
    [240, '4 min'],
    [3_569, '59 min'],
    [3_590, '1 h'],
    [4_800, '1 h 20 min'],
    [7_200, '2 h'],
    [86_340, '23 h 59 min'],
    [86_370, '1 d'],
    [97_200, '1 d 3 h'],
    [5 * 86_400 + 1_700, '5 d'],
  ])('%p s → %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});

describe('formatPercent', () => {
  it.each([
    [null, '—'],
    [100, '100 %'],
    [87.5, '87.5 %'],
    [33.333, '33.3 %'],
    [0, '0 %'],
  ])('%p → %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });
});
