import { describe, expect, it } from '@jest/globals';
import { searchSnippet } from './search-snippet.js';

/** The snippet with its highlights in brackets, to read the table at a glance. */
function marked(text: string, terms: string[], length?: number): string {
  const { snippet, highlights } = searchSnippet(text, terms, length);
  let out = '';
  let at = 0;
  for (const [start, end] of highlights) {
    out += `${snippet.slice(at, start)}[${snippet.slice(start, end)}]`;
    at = end;
  }
  return out + snippet.slice(at);
}

describe('searchSnippet', () => {
  it.each<[string, string, string[], number | undefined, string]>([
    ['a short message whole', 'Where is my parcel?', ['parcel'], undefined, 'Where is my [parcel]?'],
    ['every hit marked, accents aside', 'Café au lait, un CAFE noir', ['cafe'], undefined, '[Café] au lait, un [CAFE] noir'],
    ['word starts mark the whole word', 'I was refunded, thanks for the refund', ['refund'], undefined, 'I was [refunded], thanks for the [refund]'],
    ['short terms only whole', 'of often off', ['of'], undefined, '[of] often off'],
    ['several terms', 'The coffee machine broke; another machine too', ['coffee', 'machine'], undefined, 'The [coffee] [machine] broke; another [machine] too'],
    ['whitespace collapsed', 'Hello\n\n   my   parcel', ['parcel'], undefined, 'Hello my [parcel]'],
    ['German folding', 'Die Lieferadresse in der Hauptstraße', ['hauptstrasse'], undefined, 'Die Lieferadresse in der [Hauptstraße]'],
    ['a late hit: cut before it at a word, with an ellipsis', 'one two three four five six seven eight nine ten eleven refund twelve thirteen fourteen', ['refund'], 40, '…ten eleven [refund] twelve thirteen…'],
    ['a hit near the end shows the end', 'aaa bbb ccc ddd eee fff ggg hhh iii jjj kkk refund', ['refund'], 30, '…fff ggg hhh iii jjj kkk [refund]'],
    ['an early hit: cut after it at a word', 'refund please, this is a long message that goes on and on', ['refund'], 30, '[refund] please, this is a long…'],
    ['no hit it can see: the start', 'Something else entirely here', ['zzz'], 14, 'Something else…'],
    ['an emoji is never cut in half', '😀😀😀😀😀😀😀😀😀😀', ['x'], 5, '😀😀…'],
  ])('%s', (_what, text, terms, length, expected) => {
    expect(marked(text, terms, length)).toBe(expected);
  });

  it('gives offsets within the snippet, ellipsis included', () => {
    const { snippet, highlights } = searchSnippet('one two three four five six seven eight nine ten eleven refund twelve thirteen fourteen', ['refund'], 40);
    expect(highlights).toEqual([[snippet.indexOf('refund'), snippet.indexOf('refund') + 6]]);
    expect(snippet.startsWith('…')).toBe(true);
  });
});
