import { describe, expect, it } from '@jest/globals';
import { triageMessage, type TriageState } from './triage.js';

const now = new Date('2026-03-02T10:00:00Z');
const fresh: TriageState = { language: null, tags: [], priorityScore: 0, waitingSince: null, slaDeadline: null };

describe('triageMessage', () => {
  it('detects language and topics and starts the wait at the customer’s own time', () => {
    const sentAt = new Date('2026-03-02T09:58:00Z');
    const result = triageMessage(fresh, { text: 'Hola, mi pedido llegó roto y nadie responde a mis correos. Quiero un reembolso.', tier: 'standard', sentAt, opened: true, now });
    expect(result.language).toBe('es');
    expect(result.tags.length).toBeGreaterThan(0);
    expect(result.waitingSince).toEqual(sentAt);
    expect(result.priority).not.toBeNull();
  });

  it('keeps the language already known and adds new topics to the old ones', () => {
    const result = triageMessage({ ...fresh, language: 'fr', tags: ['login'] }, { text: 'I was charged twice on my invoice', tier: 'standard', sentAt: now, opened: false, now });
    expect(result.language).toBe('fr');
    expect(result.tags).toContain('login');
    expect(result.tags.length).toBeGreaterThan(1);
  });

  it('takes a language the caller detected already, even none', () => {
    const text = 'Hola, mi pedido llegó roto y nadie responde a mis correos.';
    expect(triageMessage(fresh, { text, tier: 'standard', sentAt: now, opened: true, now, detectedLanguage: 'pt' }).language).toBe('pt');
    expect(triageMessage(fresh, { text, tier: 'standard', sentAt: now, opened: true, now, detectedLanguage: null }).language).toBeNull();
  });

  it('does not calm an angry customer down within one wait', () => {
    const angry = triageMessage(fresh, { text: 'This is OUTRAGEOUS, worst service ever, I am furious!!!', tier: 'standard', sentAt: now, opened: true, now });
    const state: TriageState = { ...fresh, priorityScore: angry.priority!.score, waitingSince: now };
    expect(triageMessage(state, { text: 'thanks?', tier: 'standard', sentAt: now, opened: false, now }).priority).toBeNull();
  });

  it('re-assesses a new wait from scratch', () => {
    const state: TriageState = { ...fresh, priorityScore: 90, waitingSince: null };
    expect(triageMessage(state, { text: 'thanks!', tier: 'standard', sentAt: now, opened: false, now }).priority!.score).toBeLessThan(90);
  });

  it('ranks a VIP higher than a standard customer with the same words', () => {
    const input = { text: 'Where is my order?', sentAt: now, opened: true, now };
    const vip = triageMessage(fresh, { ...input, tier: 'vip' }).priority!.score;
    const standard = triageMessage(fresh, { ...input, tier: 'standard' }).priority!.score;
    expect(vip).toBeGreaterThan(standard);
  });
});
