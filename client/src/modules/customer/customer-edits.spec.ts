import { describe, expect, it } from '@jest/globals';
import { makeCustomerProfile } from '../../testing/fixtures';
import { copyEditedFields, languageChoices, languageFromChoice, notesFromText, patchProfile, UNKNOWN_LANGUAGE } from './customer-edits';

describe('language choices', () => {
  it('offers unknown and the six languages, plus a stored other one', () => {
    expect(languageChoices(null)).toEqual([UNKNOWN_LANGUAGE, 'en', 'es', 'fr', 'de', 'pt', 'it']);
    expect(languageChoices('es')).toHaveLength(7);
    expect(languageChoices('nl').at(-1)).toBe('nl');
  });

  it('sends unknown as null', () => {
    expect(languageFromChoice(UNKNOWN_LANGUAGE)).toBeNull();
    expect(languageFromChoice('fr')).toBe('fr');
  });
});

describe('notesFromText', () => {
  it.each([
    ['', null],
    ['   \n ', null],
    ['  Prefers email \n', 'Prefers email'],
    ['Line one\nLine two', 'Line one\nLine two'],
  ])('%j → %j', (text, expected) => {
    expect(notesFromText(text)).toBe(expected);
  });
});

describe('patchProfile', () => {
  const profile = makeCustomerProfile({ id: 'c', tier: 'standard', preferredLanguage: 'en', notes: 'old' });

  it('applies only the given fields', () => {
    expect(patchProfile(profile, { tier: 'vip' })).toEqual({ ...profile, tier: 'vip' });
    expect(patchProfile(profile, { notes: null, preferredLanguage: ' ES ' })).toEqual({ ...profile, notes: null, preferredLanguage: 'es' });
    expect(patchProfile(profile, { preferredLanguage: null }).preferredLanguage).toBeNull();
    expect(profile.tier).toBe('standard');
  });
});

describe('copyEditedFields', () => {
  const before = makeCustomerProfile({ id: 'c', tier: 'standard', notes: 'old', preferredLanguage: null });

  it('rolls back only the fields of the refused edit', () => {
    // Notes and tier were both changed optimistically; only the tier change is refused.
    const now = { ...before, notes: 'new', tier: 'vip' as const };
    expect(copyEditedFields(now, before, { tier: 'vip' })).toEqual({ ...before, notes: 'new' });
  });

  it('returns the same object when nothing differs', () => {
    expect(copyEditedFields(before, { ...before }, { notes: 'old' })).toBe(before);
  });

  it('ignores fields not in the edit', () => {
    const saved = { ...before, notes: 'server', tier: 'vip' as const, preferredLanguage: 'de' };
    expect(copyEditedFields(before, saved, { preferredLanguage: 'de' })).toEqual({ ...before, preferredLanguage: 'de' });
  });
});
