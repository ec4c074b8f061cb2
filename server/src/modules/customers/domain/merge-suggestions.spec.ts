import { describe, expect, it } from '@jest/globals';
import { normalizeName, normalizePhone, suggestMerges, type MatchKeys } from './merge-suggestions.js';

const keys = (id: string, over: Partial<MatchKeys> = {}): MatchKeys => ({ id, names: [], emails: [], phones: [], ...over });

describe('normalizeName', () => {
  it.each([
    ['José  Núñez', 'jose nunez'],
    [' ADA Lovelace ', 'ada lovelace'],
    ['Zoë', 'zoe'],
  ])('%s → %s', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+34 600-12-34-56', '34600123456'],
    ['0034 600 123 456', '34600123456'],
    ['(555) 010 9999', '5550109999'],
  ])('%s → %s', (phone, expected) => {
    expect(normalizePhone(phone)).toBe(expected);
  });
});

describe('suggestMerges', () => {
  const subject = keys('me', { names: ['José Núñez', null], emails: ['Jose@Example.com'], phones: ['+34 600 123 456'] });
  it.each<[string, MatchKeys, string[] | null]>([
    ['same name and phone (WhatsApp id is the phone)', keys('a', { names: ['jose nunez'], phones: ['34600123456'] }), ['same name and phone']],
    ['same name and email, other case', keys('a', { names: ['JOSE NUNEZ'], emails: ['jose@example.COM'] }), ['same name and email']],
    ['same name, email and phone', keys('a', { names: ['José Núñez'], emails: ['jose@example.com'], phones: ['0034600123456'] }), ['same name and email', 'same name and phone']],
    ['same name only', keys('a', { names: ['José Núñez'] }), null],
    ['same phone, other name', keys('a', { names: ['Maria'], phones: ['34600123456'] }), null],
    ['same email, no name', keys('a', { names: [null], emails: ['jose@example.com'] }), null],
    ['one of several names matches', keys('a', { names: ['jnunez', 'Jose Nuñez'], phones: ['34600123456'] }), ['same name and phone']],
    ['too short to be a phone', keys('a', { names: ['José Núñez'], phones: ['123'] }), null],
    ['itself', keys('me', { names: ['José Núñez'], phones: ['34600123456'] }), null],
  ])('%s', (_label, candidate, reasons) => {
    expect(suggestMerges(subject, [candidate])).toEqual(reasons ? [{ customerId: candidate.id, reasons }] : []);
  });

  it('short phones on both sides prove nothing', () => {
    expect(suggestMerges(keys('me', { names: ['Ada'], phones: ['123'] }), [keys('a', { names: ['Ada'], phones: ['123'] })])).toEqual([]);
  });
});
