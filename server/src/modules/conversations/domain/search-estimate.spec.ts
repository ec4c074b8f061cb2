import { describe, expect, it } from '@jest/globals';
import { estimateMatches, type LexemeStats } from './search-estimate.js';

// Shares as pg_stats keeps them, then the lowest, the highest and the empty share.
const stats: LexemeStats = { lexemes: ['order', 'orders', 'refund', 'the'], freqs: [0.05, 0.02, 0.04, 0.3, 0.001, 0.3, 0], messages: 1_000_000 };

describe('estimateMatches', () => {
  it.each<[string, LexemeStats | null, Array<{ term: string; prefix: boolean }>, number]>([
    ['a listed word', stats, [{ term: 'refund', prefix: false }], 40_000],
    ['an unlisted word: at most the rarest listed', stats, [{ term: 'cafetera', prefix: false }], 1_000],
    ['a word start adds every listed word it starts, and the rarest for the rest', stats, [{ term: 'order', prefix: true }], 71_000],
    ['several words: the rarest of them', stats, [{ term: 'the', prefix: false }, { term: 'refund', prefix: true }], 41_000],
    ['no statistics yet: rare', null, [{ term: 'the', prefix: false }], 0],
    ['empty statistics: rare', { lexemes: [], freqs: [], messages: 10 }, [{ term: 'the', prefix: false }], 0],
  ])('%s', (_what, s, terms, expected) => {
    expect(estimateMatches(s, terms)).toBe(expected);
  });
});
