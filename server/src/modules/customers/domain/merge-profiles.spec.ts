import { describe, expect, it } from '@jest/globals';
import { learnedLanguage, mergeProfiles, preferredLanguageOf, type ProfileFields } from './merge-profiles.js';

const profile = (over: Partial<ProfileFields> = {}): ProfileFields => ({
  name: null,
  tier: 'standard',
  preferredLanguage: null,
  preferredLanguageSource: null,
  languageCounts: {},
  preferences: {},
  notes: null,
  timezone: null,
  contactHours: null,
  tags: [],
  doNotContact: false,
  email: null,
  phone: null,
  ...over,
});

describe('learnedLanguage', () => {
  it.each<[string, Record<string, number>, string | null, string | null]>([
    ['nothing detected', {}, null, null],
    ['one language', { es: 3 }, null, 'es'],
    ['the most frequent', { en: 1, es: 4 }, 'en', 'es'],
    ['a tie keeps the current one', { en: 2, es: 2 }, 'es', 'es'],
    ['a tie without a current one: alphabetical', { es: 2, en: 2 }, null, 'en'],
    ['zero counts do not count', { fr: 0 }, null, null],
  ])('%s', (_label, counts, current, expected) => {
    expect(learnedLanguage(counts, current)).toBe(expected);
  });
});

describe('preferredLanguageOf', () => {
  it.each<[string, Partial<ProfileFields>, Pick<ProfileFields, 'preferredLanguage' | 'preferredLanguageSource'>]>([
    ['a person set it: the counts do not matter', { preferredLanguage: 'fr', preferredLanguageSource: 'person', languageCounts: { es: 9 } }, { preferredLanguage: 'fr', preferredLanguageSource: 'person' }],
    ['learned follows the counts', { preferredLanguage: 'en', preferredLanguageSource: 'learned', languageCounts: { en: 1, es: 2 } }, { preferredLanguage: 'es', preferredLanguageSource: 'learned' }],
    ['a person cleared it: learned again', { preferredLanguage: null, preferredLanguageSource: 'person', languageCounts: { de: 1 } }, { preferredLanguage: 'de', preferredLanguageSource: 'learned' }],
    ['nothing known', {}, { preferredLanguage: null, preferredLanguageSource: null }],
  ])('%s', (_label, over, expected) => {
    expect(preferredLanguageOf(profile(over))).toEqual(expected);
  });
});

describe('mergeProfiles', () => {
  it.each<[string, Partial<ProfileFields>, Partial<ProfileFields>, Partial<ProfileFields>]>([
    ['the higher tier wins (source vip)', { tier: 'standard' }, { tier: 'vip' }, { tier: 'vip' }],
    ['the higher tier wins (target vip)', { tier: 'vip' }, { tier: 'standard' }, { tier: 'vip' }],
    ['tags: the union, target first', { tags: ['refund', 'late'] }, { tags: ['late', 'damaged'] }, { tags: ['refund', 'late', 'damaged'] }],
    ['notes: both, target first', { notes: 'Prefers email' }, { notes: 'Promised a voucher' }, { notes: 'Prefers email\n\nPromised a voucher' }],
    ['notes: an empty one is left out', { notes: '  ' }, { notes: 'Promised a voucher' }, { notes: 'Promised a voucher' }],
    ['notes: none', {}, {}, { notes: null }],
    ['preferences: merged, target wins', { preferences: { channel: 'whatsapp' } }, { preferences: { channel: 'email', tone: 'formal' } }, { preferences: { channel: 'whatsapp', tone: 'formal' } }],
    ['name: the target keeps its own', { name: 'Ada' }, { name: 'Ada L.' }, { name: 'Ada' }],
    ['name: the source names an unnamed target', { name: null }, { name: 'Ada' }, { name: 'Ada' }],
    ['timezone and hours: the target wins', { timezone: 'Europe/Madrid' }, { timezone: 'UTC', contactHours: { days: [1], from: '09:00', to: '17:00' } }, { timezone: 'Europe/Madrid', contactHours: { days: [1], from: '09:00', to: '17:00' } }],
    ['do not contact on either account holds', { doNotContact: false }, { doNotContact: true }, { doNotContact: true }],
    ['email and phone: the source fills gaps', { email: 'ada@example.com' }, { email: 'other@example.com', phone: '+34600123456' }, { email: 'ada@example.com', phone: '+34600123456' }],
    ['language counts add up and the learned language follows', { preferredLanguage: 'en', preferredLanguageSource: 'learned', languageCounts: { en: 2 } }, { preferredLanguage: 'es', preferredLanguageSource: 'learned', languageCounts: { es: 3 } }, { preferredLanguage: 'es', preferredLanguageSource: 'learned', languageCounts: { en: 2, es: 3 } }],
    ["the target's person-set language wins", { preferredLanguage: 'fr', preferredLanguageSource: 'person' }, { preferredLanguage: 'de', preferredLanguageSource: 'person' }, { preferredLanguage: 'fr', preferredLanguageSource: 'person' }],
    ["the source's person-set language beats a learned one", { preferredLanguage: 'en', preferredLanguageSource: 'learned', languageCounts: { en: 5 } }, { preferredLanguage: 'de', preferredLanguageSource: 'person' }, { preferredLanguage: 'de', preferredLanguageSource: 'person', languageCounts: { en: 5 } }],
  ])('%s', (_label, target, source, expected) => {
    expect(mergeProfiles(profile(target), profile(source))).toMatchObject(expected);
  });
});
