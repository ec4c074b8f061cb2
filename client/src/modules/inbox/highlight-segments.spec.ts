import { describe, expect, it } from '@jest/globals';
import { fromFirstHit, highlightSegments } from './highlight-segments';

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

describe('fromFirstHit', () => {
  const hit = (text: string) => ({ text, hit: true });
  const plain = (text: string) => ({ text, hit: false });

  it('cuts a long lead-in to the last words before the hit', () => {
    const segments = [plain('Soy yo otra vez. Es la tercera vez que pido el '), hit('reembolso'), plain(' y nada')];
    expect(fromFirstHit(segments)).toEqual([plain('…vez que pido el '), hit('reembolso'), plain(' y nada')]);
  });

  it('keeps a short lead-in, a snippet that starts with its hit, and one without hits', () => {
    const short = [plain('Where is my '), hit('parcel')];
    expect(fromFirstHit(short)).toEqual(short);
    expect(fromFirstHit([hit('refund'), plain(' please')])).toEqual([hit('refund'), plain(' please')]);
    expect(fromFirstHit([plain('x'.repeat(80))])).toEqual([plain('x'.repeat(80))]);
  });
});
