import { describe, expect, it } from '@jest/globals';
import type { ChannelKind } from '@rapport/shared';
import {
  FOLLOW_UP_KINDS,
  LANGUAGES,
  PERSONAS,
  TOPICS,
  followUpMessage,
  nextCustomerMessage,
  seededRandom,
  type ScenarioMessage,
} from './scenarios.js';

const ALL_KINDS: ChannelKind[] = ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'mastodon', 'api'];

function story(seed: number, count: number): ScenarioMessage[] {
  const random = seededRandom(seed);
  const seen = new Set<string>();
  const out: ScenarioMessage[] = [];
  for (let i = 0; i < count; i += 1) {
    const message = nextCustomerMessage(random, seen);
    seen.add(message.personaId);
    out.push(message);
  }
  return out;
}

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = Array.from({ length: 50 }, () => a());
    expect(Array.from({ length: 50 }, () => b())).toEqual(first);
    expect(first.every((n) => n >= 0 && n < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(first[0]);
  });
});

describe('personas', () => {
  it('are about forty, unique, and spread over every channel and language', () => {
    expect(PERSONAS.length).toBeGreaterThanOrEqual(38);
    expect(new Set(PERSONAS.map((p) => p.id)).size).toBe(PERSONAS.length);
    for (const kind of ALL_KINDS) expect(PERSONAS.filter((p) => p.kinds.includes(kind)).length).toBeGreaterThanOrEqual(4);
    for (const language of LANGUAGES) expect(PERSONAS.filter((p) => p.language === language).length).toBeGreaterThanOrEqual(4);
    expect(PERSONAS.filter((p) => p.mood === 'furious').length).toBeGreaterThanOrEqual(3);
    expect(PERSONAS.filter((p) => p.mood === 'vip').length).toBeGreaterThanOrEqual(3);
  });
});

describe('nextCustomerMessage', () => {
  it('is deterministic for a seed', () => {
    expect(story(42, 200)).toEqual(story(42, 200));
    expect(story(42, 20)).not.toEqual(story(43, 20));
  });

  it('covers every language, topic and channel, public and private', () => {
    const messages = story(1, 600);
    expect(new Set(messages.map((m) => m.language))).toEqual(new Set(LANGUAGES));
    expect(new Set(messages.map((m) => m.topic))).toEqual(new Set(TOPICS));
    expect(new Set(messages.map((m) => m.kind))).toEqual(new Set(ALL_KINDS));
    expect(messages.some((m) => m.public)).toBe(true);
    expect(messages.some((m) => !m.public)).toBe(true);
    expect(messages.filter((m) => m.kind === 'whatsapp' || m.kind === 'api').every((m) => !m.public)).toBe(true);
  });

  it('writes each message in the persona language, on one of their channels, with no placeholder left', () => {
    for (const message of story(5, 400)) {
      const persona = PERSONAS.find((p) => p.id === message.personaId);
      expect(persona).toBeDefined();
      expect(message.language).toBe(persona?.language);
      expect(persona?.kinds).toContain(message.kind);
      expect(message.name).toBe(persona?.name);
      expect(message.text).not.toMatch(/[{}]/);
      expect(message.text.trim().length).toBeGreaterThan(5);
    }
  });

  it('has furious customers shouting, VIPs naming their years, returning customers saying so', () => {
    const messages = story(9, 800);
    const furious = messages.filter((m) => m.mood === 'furious');
    expect(furious.length).toBeGreaterThan(0);
    for (const m of furious) {
      expect(m.text).toContain('!!!');
      const letters = m.text.replace(/[^\p{L}]/gu, '');
      expect(letters).toBe(letters.toLocaleUpperCase(m.language));
      expect(m.topic).not.toBe('praise');
    }
    expect(messages.some((m) => m.mood === 'vip' && /premium/i.test(m.text) && /\d+/.test(m.text))).toBe(true);
    expect(messages.some((m) => /premium member for \d+ years/.test(m.text))).toBe(true);
    const returning = messages.filter((m) => m.returning);
    expect(returning.length).toBeGreaterThan(10);
    expect(returning.some((m) => m.text.startsWith('Me again.') || m.text.startsWith('Following up'))).toBe(true);
  });

  it('never brings back someone as returning before they wrote', () => {
    const random = seededRandom(3);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i += 1) {
      const message = nextCustomerMessage(random, seen);
      if (message.returning) expect(seen.has(message.personaId)).toBe(true);
      seen.add(message.personaId);
    }
  });

  it('writes recognisable text per language', () => {
    const byLanguage = new Map(LANGUAGES.map((l) => [l, story(11, 600).filter((m) => m.language === l && m.mood !== 'furious').map((m) => m.text)]));
    expect(byLanguage.get('es')?.some((t) => /pedido|cuenta|reembolso|gracias/i.test(t))).toBe(true);
    expect(byLanguage.get('fr')?.some((t) => /commande|compte|remboursement|merci/i.test(t))).toBe(true);
    expect(byLanguage.get('de')?.some((t) => /Bestellung|Konto|Erstattung|Danke/i.test(t))).toBe(true);
    expect(byLanguage.get('pt')?.some((t) => /pedido|conta|reembolso|agradecer/i.test(t))).toBe(true);
    expect(byLanguage.get('it')?.some((t) => /ordine|account|rimborso|grazie|ringraziarvi/i.test(t))).toBe(true);
    expect(byLanguage.get('en')?.some((t) => /order|account|refund|thanks/i.test(t))).toBe(true);
  });
});

describe('followUpMessage', () => {
  it('answers in the language asked, with thanks, impatience or disappointment', () => {
    const random = seededRandom(21);
    for (const language of LANGUAGES) {
      const kinds = new Set<string>();
      for (let i = 0; i < 60; i += 1) {
        const answer = followUpMessage(random, language);
        kinds.add(answer.kind);
        expect(answer.text.length).toBeGreaterThan(1);
      }
      expect(kinds).toEqual(new Set(FOLLOW_UP_KINDS));
    }
    expect(['Thanks!', "Thank you, that's really helpful.", 'Perfect, thanks a lot!']).toContain(followUpMessage(() => 0, 'en').text);
    expect(followUpMessage(() => 0.99, 'en').kind).toBe('unhappy');
    expect(followUpMessage(() => 0.99, 'de').text).toMatch(/versucht|hilft|Frage/);
  });

  it('is deterministic and harder to please for furious customers', () => {
    const a = seededRandom(4);
    const b = seededRandom(4);
    const left = Array.from({ length: 20 }, () => followUpMessage(a, 'it', 'furious'));
    expect(Array.from({ length: 20 }, () => followUpMessage(b, 'it', 'furious'))).toEqual(left);
    const random = seededRandom(5);
    const furiousThanks = Array.from({ length: 300 }, () => followUpMessage(random, 'en', 'furious')).filter((m) => m.kind === 'thanks').length;
    const friendlyThanks = Array.from({ length: 300 }, () => followUpMessage(random, 'en', 'friendly')).filter((m) => m.kind === 'thanks').length;
    expect(furiousThanks).toBeLessThan(friendlyThanks);
  });
});
