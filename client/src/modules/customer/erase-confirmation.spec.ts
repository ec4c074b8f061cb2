import { describe, expect, it } from '@jest/globals';
import { describeErasure, erasureConfirmed, exportFileName } from './erase-confirmation';

describe('erasureConfirmed', () => {
  it.each<[string, string, string, boolean]>([
    ['the name exactly', 'Zelda Quillfeather', 'Zelda Quillfeather', true],
    ['the name in another case, with extra spaces', '  zelda   QUILLFEATHER ', 'Zelda Quillfeather', true],
    ['ERASE', 'ERASE', 'Zelda Quillfeather', true],
    ['ERASE with spaces around', ' ERASE ', 'Zelda Quillfeather', true],
    ['erase in lower case is not the word', 'erase', 'Zelda Quillfeather', false],
    ['part of the name', 'Zelda', 'Zelda Quillfeather', false],
    ['nothing typed', '', 'Zelda Quillfeather', false],
    ['nothing typed for a customer without a name', '', '', false],
    ['spaces for a customer without a name', '   ', '', false],
  ])('%s', (_what, typed, name, expected) => {
    expect(erasureConfirmed(typed, name)).toBe(expected);
  });
});

describe('describeErasure', () => {
  it.each<[{ conversations: number; messages: number; identities: number }, string]>([
    [{ conversations: 2, messages: 5, identities: 2 }, '2 conversations, 5 messages and 2 accounts'],
    [{ conversations: 1, messages: 1, identities: 1 }, '1 conversation, 1 message and 1 account'],
    [{ conversations: 0, messages: 0, identities: 0 }, '0 conversations, 0 messages and 0 accounts'],
  ])('%j', (counts, expected) => {
    expect(describeErasure(counts)).toBe(expected);
  });
});

describe('exportFileName', () => {
  it('is the customer id, never the name', () => {
    expect(exportFileName('c1')).toBe('customer-c1.json');
  });
});
