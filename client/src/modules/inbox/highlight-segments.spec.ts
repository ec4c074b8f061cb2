import { describe, expect, it } from '@jest/globals';
import { highlightSegments } from './highlight-segments';

describe('highlightSegments', () => {
  it.each<[string, string, Array<[number, number]>, Array<[string, boolean]>]>([
    ['no hits: the text', 'Where is it?', [], [['Where is it?', false]]],
    ['one hit inside', 'Where is my parcel?', [[12, 18]], [['Where is my ', false], ['parcel', true], ['?', false]]],
    ['hits at both ends', 'café au café', [[0, 4], [8, 12]], [['café', true], [' au ', false], ['café', true]]],
    ['out of order', 'a b c', [[4, 5], [0, 1]], [['a', true], [' b ', false], ['c', true]]],
    ['overlapping: clipped', 'abcdef', [[0, 4], [2, 6]], [['abcd', true], ['ef', true]]],
    ['past the end: clipped', 'abc', [[1, 10], [5, 6]], [['a', false], ['bc', true]]],
    ['empty or backwards ranges: ignored', 'abc', [[1, 1], [2, 1]], [['abc', false]]],
  ])('%s', (_what, snippet, highlights, expected) => {
    expect(highlightSegments(snippet, highlights).map((s) => [s.text, s.hit])).toEqual(expected);
  });

  it('never loses or repeats a character', () => {
    const snippet = '…the blender and the blenderizer broke…';
    const segments = highlightSegments(snippet, [[5, 12], [21, 32], [33, 38], [30, 40]]);
    expect(segments.map((s) => s.text).join('')).toBe(snippet);
  });
});
