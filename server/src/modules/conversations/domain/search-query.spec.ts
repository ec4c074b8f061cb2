import { describe, expect, it } from '@jest/globals';
import { foldForSearch, parseSearchQuery, searchWords, wordMatches } from './search-query.js';

describe('foldForSearch', () => {
  it.each([
    ['Müller', 'muller'],
    ['CAFÉ', 'cafe'],
    ['Straße', 'strasse'],
    ['Œuvre', 'oeuvre'],
    ['Søren', 'soren'],
    ['Łódź', 'lodz'],
    ['ﬁn', 'fin'],
    ['cafe\u0301', 'cafe'],
    ['¿Dónde está?', '¿donde esta?'],
    ['İstanbul', 'istanbul'],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});

describe('searchWords', () => {
  it.each<[string, string, Array<[string, number, number]>]>([
    ['words and their offsets', 'Hola, ¿dónde está?', [['hola', 0, 4], ['donde', 7, 12], ['esta', 13, 17]]],
    ['punctuation splits, as in the index', 'jane.doe@x.com e-mail #48213', [['jane', 0, 4], ['doe', 5, 8], ['x', 9, 10], ['com', 11, 14], ['e', 15, 16], ['mail', 17, 21], ['48213', 23, 28]]],
    ['letters and digits stay together', '3.5kg', [['3', 0, 1], ['5kg', 2, 5]]],
    ['a modifier letter is a separator (unaccent makes it a quote)', 'Hawaiʻi', [['hawai', 0, 5], ['i', 6, 7]]],
    ['other number signs are not words', '½ ⑴ x²', [['x', 4, 5]]],
    ['a decomposed accent stays in its word', 'cafe\u0301 ok', [['cafe', 0, 5], ['ok', 6, 8]]],
    ['nothing', '!!! ...', []],
  ])('%s', (_what, text, expected) => {
    expect(searchWords(text).map((w) => [w.word, w.start, w.end])).toEqual(expected);
  });
});

describe('wordMatches', () => {
  it.each<[string, string, boolean]>([
    ['refund', 'refund', true],
    ['refunded', 'refund', true],
    ['refunded', 'ref', true],
    ['of', 'of', true],
    ['often', 'of', false],
    ['fund', 'refund', false],
  ])('%s for %s: %s', (word, term, expected) => {
    expect(wordMatches(word, term)).toBe(expected);
  });
});

describe('parseSearchQuery', () => {
  it.each([
    ['one word', 'refund', { terms: ['refund'], wholeWords: "'refund'", anyForm: "'refund':*", namePattern: '%refund%', nameText: 'refund' }],
    ['accents and case folded', 'Café MÜLLER', { terms: ['cafe', 'muller'], wholeWords: "'cafe' & 'muller'", anyForm: "'cafe':* & 'muller':*", namePattern: '%cafe muller%', nameText: 'cafe muller' }],
    ['short words match whole only', 'of pager-b', { terms: ['of', 'pager', 'b'], wholeWords: "'of' & 'pager' & 'b'", anyForm: "'of' & 'pager':* & 'b'", namePattern: '%of pager-b%', nameText: 'of pager-b' }],
    ['repeated words once', 'order Order ORDER', { terms: ['order'], wholeWords: "'order'", anyForm: "'order':*", namePattern: '%order order order%', nameText: 'order order order' }],
    ['a leading @ is not part of a handle', '@ana_b', { terms: ['ana', 'b'], wholeWords: "'ana' & 'b'", anyForm: "'ana':* & 'b'", namePattern: '%ana\\_b%', nameText: 'ana_b' }],
    ['LIKE wildcards are literal', '50% off', { terms: ['50', 'off'], wholeWords: "'50' & 'off'", anyForm: "'50' & 'off':*", namePattern: '%50\\% off%', nameText: '50% off' }],
    ['spaces collapsed', '  cracked \t screen ', { terms: ['cracked', 'screen'], wholeWords: "'cracked' & 'screen'", anyForm: "'cracked':* & 'screen':*", namePattern: '%cracked screen%', nameText: 'cracked screen' }],
    ['too short for names', 'ok', { terms: ['ok'], wholeWords: "'ok'", anyForm: "'ok'", namePattern: null, nameText: null }],
    ['quotes and operators never reach the tsquery', "l'adresse & (x|y):*", { terms: ['l', 'adresse', 'x', 'y'], wholeWords: "'l' & 'adresse' & 'x' & 'y'", anyForm: "'l' & 'adresse':* & 'x' & 'y'" }],
    ['a modifier letter splits the word', 'Hawaiʻi', { terms: ['hawai', 'i'], wholeWords: "'hawai' & 'i'" }],
  ])('%s', (_what, q, expected) => {
    const parsed = parseSearchQuery(q);
    expect(parsed.kind).toBe('search');
    if (parsed.kind === 'search') expect(parsed.query).toMatchObject(expected);
  });

  it.each([['only punctuation', '!!! ???'], ['a percent sign', '%'], ['only spaces', '   '], ['modifier letters alone', 'ʻʼ']])('finds nothing in %s', (_what, q) => {
    expect(parseSearchQuery(q)).toEqual({ kind: 'nothing' });
  });

  it('refuses more than ten words, saying so', () => {
    expect(parseSearchQuery('a b c d e f g h i j k')).toEqual({ kind: 'invalid', reason: 'q has 11 words: search with at most 10' });
    expect(parseSearchQuery('a b c d e f g h i j').kind).toBe('search');
  });
});
