import { describe, expect, it } from '@jest/globals';
import { makeCustomerProfile } from '../../testing/fixtures';
import { copyEditedFields, describeContactHours, identityLabel, languageChoices, languageFromChoice, localTimeIn, notesFromText, patchProfile, tagsFromText, textOrNull, toggleDay, UNKNOWN_LANGUAGE } from './customer-edits';

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
    expect(patchProfile(profile, { notes: null, preferredLanguage: ' ES ' })).toEqual({ ...profile, notes: null, preferredLanguage: 'es', preferredLanguageSource: 'person' });
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

describe('patchProfile, the fields of one customer across channels', () => {
  const profile = makeCustomerProfile({ id: 'c', preferredLanguage: 'es', preferredLanguageSource: 'learned' });

  it('marks a language a person picked, and clears the source with it', () => {
    expect(patchProfile(profile, { preferredLanguage: 'fr' })).toMatchObject({ preferredLanguage: 'fr', preferredLanguageSource: 'person' });
    expect(patchProfile(profile, { preferredLanguage: null })).toMatchObject({ preferredLanguage: null, preferredLanguageSource: null });
  });

  it('applies tags, do-not-contact, timezone, hours, email and phone as the server will', () => {
    const hours = { days: [1, 2], from: '09:00', to: '12:00' };
    expect(patchProfile(profile, { tags: ['Refund', ' refund', 'late'], doNotContact: true, timezone: 'Europe/Madrid', contactHours: hours, email: ' A@B.com ' })).toMatchObject({
      tags: ['refund', 'late'],
      doNotContact: true,
      timezone: 'Europe/Madrid',
      contactHours: hours,
      email: 'a@b.com',
    });
  });

  it('rolls the language source back with the language', () => {
    const edited = patchProfile(profile, { preferredLanguage: 'fr' });
    expect(copyEditedFields(edited, profile, { preferredLanguage: 'fr' })).toMatchObject({ preferredLanguage: 'es', preferredLanguageSource: 'learned' });
  });
});

describe('tagsFromText', () => {
  it.each([
    ['', []],
    ['refund', ['refund']],
    ['refund, Late ,refund', ['refund', 'late']],
    [' , ,', []],
  ])('%j → %j', (text, expected) => {
    expect(tagsFromText(text)).toEqual(expected);
  });
});

describe('textOrNull', () => {
  it.each([
    ['', null],
    ['  ', null],
    [' a@b.com ', 'a@b.com'],
  ])('%j → %j', (text, expected) => {
    expect(textOrNull(text)).toBe(expected);
  });
});

describe('describeContactHours', () => {
  it.each([
    [null, 'Any time'],
    [{ days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }, 'Mon–Fri 09:00–17:00'],
    [{ days: [1, 3, 6], from: '10:00', to: '12:00' }, 'Mon, Wed, Sat 10:00–12:00'],
    [{ days: [1, 2, 4, 5, 6], from: '08:00', to: '20:00' }, 'Mon, Tue, Thu–Sat 08:00–20:00'],
    [{ days: [7, 1, 2, 3, 4, 5, 6], from: '00:00', to: '24:00' }, 'Every day 00:00–24:00'],
  ])('%j → %s', (hours, expected) => {
    expect(describeContactHours(hours)).toBe(expected);
  });
});

describe('toggleDay', () => {
  it.each([
    [[1, 5], 3, [1, 3, 5]],
    [[1, 3, 5], 3, [1, 5]],
    [[], 7, [7]],
  ])('%j with %i → %j', (days, day, expected) => {
    expect(toggleDay(days, day)).toEqual(expected);
  });
});

describe('localTimeIn', () => {
  const now = new Date('2026-03-02T12:30:00Z');
  it.each([
    [null, null],
    ['Europe/Madrid', '13:30'],
    ['America/New_York', '07:30'],
    ['Not/AZone', null],
  ])('%s → %s', (timezone, expected) => {
    expect(localTimeIn(timezone, now)).toBe(expected);
  });
});

describe('identityLabel', () => {
  it.each([
    [{ handle: '@ada', displayName: 'Ada', externalId: '1' }, '@ada'],
    [{ handle: null, displayName: 'Ada', externalId: '1' }, 'Ada'],
    [{ handle: null, displayName: null, externalId: '34600123456' }, '34600123456'],
  ])('%j → %s', (identity, expected) => {
    expect(identityLabel(identity)).toBe(expected);
  });
});
