import { describe, expect, it } from '@jest/globals';
import type { CannedResponse } from '@rapport/shared';
import { customerNameForReplies, findCannedTrigger, insertCannedText, rankCannedResponses, type CannedTrigger } from './canned-search';

/** `|` marks the caret. */
function at(textWithCaret: string): [string, number] {
  const caret = textWithCaret.indexOf('|');
  return [textWithCaret.replace('|', ''), caret];
}

describe('findCannedTrigger', () => {
  it.each<[string, CannedTrigger | null]>([
    ['/|', { start: 0, end: 1, query: '' }],
    ['/ref|', { start: 0, end: 4, query: 'ref' }],
    ['Hello /ref|', { start: 6, end: 10, query: 'ref' }],
    ['Hello\n/ref|', { start: 6, end: 10, query: 'ref' }],
    ['/ref|und later', { start: 0, end: 7, query: 'ref' }],
    ['and/or|', null],
    ['see https://example.com/|', null],
    ['/refund now|', null],
    ['no slash|', null],
    ['//|', null],
  ])('%s', (textWithCaret, trigger) => {
    const [text, caret] = at(textWithCaret);
    expect(findCannedTrigger(text, caret)).toEqual(trigger);
  });
});

describe('insertCannedText', () => {
  it.each<[string, string, string, string]>([
    ['the whole input', '/ref|', 'Hi Ada', 'Hi Ada|'],
    ['after a word', 'Hello /ref|', 'sorry for the wait', 'Hello sorry for the wait|'],
    ['before more text', '/ref| see below', 'Hi Ada', 'Hi Ada| see below'],
    ['the whole word under the caret', '/re|fund more', 'Hi Ada', 'Hi Ada| more'],
  ])('%s', (_what, textWithCaret, filled, expected) => {
    const [text, caret] = at(textWithCaret);
    const trigger = findCannedTrigger(text, caret)!;
    const result = insertCannedText(text, trigger, filled);
    expect(result.text.slice(0, result.caret) + '|' + result.text.slice(result.caret)).toBe(expected);
  });

  it('keeps a word right after the slash word apart', () => {
    expect(insertCannedText('/x?', { start: 0, end: 2 }, 'Hi')).toEqual({ text: 'Hi ?', caret: 3 });
  });
});

const reply = (shortcut: string, title: string, extra: Partial<CannedResponse> = {}): CannedResponse => ({
  id: `${shortcut}-${extra.teamId ?? 'all'}-${extra.language ?? 'any'}`,
  shortcut,
  title,
  body: title,
  teamId: null,
  language: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});

describe('rankCannedResponses', () => {
  const replies = [
    reply('thanks', 'Thanks for waiting'),
    reply('refund', 'Refund policy'),
    reply('refund-es', 'Política de reembolso', { language: 'es' }),
    reply('late', 'Late parcel: we refund shipping', { teamId: 'care' }),
    reply('prefund', 'Prefund check'),
    reply('hello', 'Hello', { language: 'de' }),
  ];
  const order = (query: string, language: string | null) => rankCannedResponses(replies, query, language).map((r) => r.shortcut);

  it.each<[string, string, string | null, string[]]>([
    ['nothing typed: the customer’s language first, then any language, then others', '', 'es', ['refund-es', 'late', 'prefund', 'refund', 'thanks', 'hello']],
    ['nothing typed, no language known: the ones for any language first', '', null, ['late', 'prefund', 'refund', 'thanks', 'hello', 'refund-es']],
    ['the exact shortcut wins over the language', 'refund', 'es', ['refund', 'refund-es', 'prefund', 'late']],
    ['a start of a shortcut, in the customer’s language first', 'ref', 'es', ['refund-es', 'refund', 'prefund', 'late']],
    ['a title match counts too', 'parcel', null, ['late']],
    ['case does not matter', 'THANK', null, ['thanks']],
    ['no match', 'zzz', null, []],
  ])('%s', (_what, query, language, expected) => {
    expect(order(query, language)).toEqual(expected);
  });

  it('puts a team’s own reply before the one for every team with the same shortcut', () => {
    const both = [reply('delay', 'Delay for everyone'), reply('delay', 'Delay for Care', { teamId: 'care' })];
    expect(rankCannedResponses(both, 'delay', null).map((r) => r.title)).toEqual(['Delay for Care', 'Delay for everyone']);
  });
});

describe('customerNameForReplies', () => {
  it.each<[string, string | null, string | null]>([
    ['Ada Lovelace', 'ada', 'Ada Lovelace'],
    ['kofi_m', 'kofi_m', null],
    ['@kofi_m', 'kofi_m', null],
    ['17841400000000001', null, null],
    ['  ', null, null],
  ])('%s (handle %s) → %s', (name, handle, expected) => {
    expect(customerNameForReplies({ name, handle })).toBe(expected);
  });
});
