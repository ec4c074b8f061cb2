import { describe, expect, it } from '@jest/globals';
import { retentionCutoff } from './retention.js';

const NOW = new Date('2026-05-20T03:30:00.000Z');

describe('retentionCutoff', () => {
  it.each<[string, number | undefined, string | null]>([
    ['unset keeps everything', undefined, null],
    ['0 keeps everything', 0, null],
    ['a negative number keeps everything', -5, null],
    ['not a number keeps everything', Number.NaN, null],
    ['one day', 1, '2026-05-19T03:30:00.000Z'],
    ['thirty days, across a month boundary', 30, '2026-04-20T03:30:00.000Z'],
    ['a year', 365, '2025-05-20T03:30:00.000Z'],
    ['a fraction of a day counts whole days only', 1.9, '2026-05-19T03:30:00.000Z'],
    ['less than a whole day keeps everything', 0.5, null],
  ])('%s', (_what, days, expected) => {
    expect(retentionCutoff(NOW, days)?.toISOString() ?? null).toBe(expected);
  });
});
