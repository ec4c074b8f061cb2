import { describe, expect, it } from '@jest/globals';
import { assessPriority, levelOf, moodOf, type PriorityInput, type PriorityLevel } from './priority.js';

const NOW = new Date('2026-03-02T10:00:00Z');
const minutesFromNow = (minutes: number): Date => new Date(NOW.getTime() + minutes * 60_000);

const CALM = 'Hi, could you tell me when my order will ship?';
const FURIOUS = 'This is the worst service ever, absolutely unacceptable!!!';
const THANKS = 'Thanks, that solved it, great service!';

const input = (over: Partial<PriorityInput> = {}): PriorityInput => ({
  tier: 'standard',
  text: CALM,
  waitingSince: null,
  slaDeadline: null,
  now: NOW,
  ...over,
});

describe('moodOf', () => {
  it.each<[string, string]>([
    ['en', CALM],
    ['en', 'I have a problem with my order, can you help?'],
    ['es', 'Hola, ¿me podéis decir cuándo llega mi pedido?'],
    ['fr', 'Bonjour, pouvez-vous me dire quand arrive ma commande ?'],
    ['de', 'Ich möchte mein Abo kündigen, wie geht das?'],
    ['pt', 'Olá, podem me dizer quando chega a minha encomenda?'],
    ['it', 'Ciao, potete dirmi quando arriva il mio ordine?'],
    ['en, friendly single "!"', 'Hi there! Quick question about my invoice.'],
    ['en, short capitals are not shouting', 'FYI: ID ABC'],
    ['en, acronyms are not shouting', 'My order ABC123 went via DHL to NYC'],
    ['fr, AFINN look-alikes ignored ("dire")', 'Pouvez-vous me dire ce qui se passe avec ma commande ?'],
  ])('calm (%s): %s → no anger, no urgency', (_lang, text) => {
    expect(moodOf(text)).toEqual({ anger: 0, urgency: 0 });
  });

  it.each<[string, string]>([
    ['en', FURIOUS],
    ['en', 'What a scam. Ridiculous. I want my money back'],
    ['en', 'I am furious, this is terrible and disgusting'],
    ['en, shouting', 'WHERE IS MY ORDER?? I PAID THREE WEEKS AGO'],
    ['es', 'Esto es una estafa, estoy harto de esperar!!'],
    ['es', '¡Qué vergüenza! Es inaceptable, llevo un mes sin respuesta.'],
    ['fr', "C'est une arnaque, je suis furieux. Inadmissible !!"],
    ['fr', 'Honteux. Un vrai scandale, personne ne répond.'],
    ['de', 'Das ist eine Frechheit! Ich bin wütend, das ist Betrug.'],
    ['de', 'Unverschämt, so ein Skandal!!'],
    ['pt', 'Isso é um golpe, que vergonha. Inaceitável!'],
    ['pt', 'Absurdo, estou furioso com vocês.'],
    ['it', 'È una truffa, una vergogna. Inaccettabile!'],
    ['it', 'Scandaloso, sono furioso!!'],
  ])('angry (%s): %s', (_lang, text) => {
    expect(moodOf(text).anger).toBeGreaterThanOrEqual(0.4);
  });

  it.each<[string, string, number]>([
    ['one complaint word, plus AFINN beyond its first point', 'unacceptable', 0.55],
    ['one complaint word AFINN does not know', 'estafa', 0.45],
    ['accents optional', 'verguenza', 0.45],
    ['any case, accents kept', 'VERGÜENZA', 0.45],
    ['a repeated word counts once', 'estafa estafa estafa', 0.45],
    ['a lone AFINN negative is not anger', 'no', 0],
    ['AFINN −3 (damaged)', 'The package arrived damaged', 0.2],
    ['a run of exclamation marks', 'ok!!', 0.15],
    ['"?!" counts too', 'really?!', 0.15],
    ['runs count at most twice', 'what?! why!! how?? no!!', 0.3],
    ['a single "!" is friendly', 'thank you!', 0],
    ['all capitals, long enough', 'WHERE IS MY ORDER I PAID THREE WEEKS AGO', 0.35],
    ['half capitals is not shouting', 'Where Is My Order I Paid Three Weeks Ago', 0],
    ['whole words only: scampi is not a scam', 'scampi', 0],
    ['whole words only: compounds do not match', 'Betrugsversuch', 0],
    ['capped at 1', 'SCAM!!! WORST!!! UNACCEPTABLE!!! RIDICULOUS!!!', 1],
  ])('anger: %s (%s) → %d', (_label, text, expected) => {
    expect(moodOf(text).anger).toBeCloseTo(expected, 5);
  });

  it.each<[string, string, number]>([
    ['en strong', 'This is urgent', 0.6],
    ['en asap', 'pls fix asap', 0.6],
    ['en phrase', 'I need it right away', 0.6],
    ['es', 'Necesito ayuda urgente', 0.6],
    ['es, capitals and accents', 'INMEDIATAMENTE', 0.6],
    ['fr', 'Répondez immédiatement', 0.6],
    ['fr, accents optional', 'repondez immediatement', 0.6],
    ['fr phrase', 'Il me le faut tout de suite', 0.6],
    ['de', 'Bitte dringend melden', 0.6],
    ['de', 'Ich brauche das sofort', 0.6],
    ['pt', 'Preciso disso imediatamente', 0.6],
    ['it', 'Mi serve subito', 0.6],
    ['weak: now', 'I need it now', 0.25],
    ['weak: today (fr, apostrophe)', "il me le faut aujourd'hui", 0.25],
    ['strong and weak add up', 'Urgent, I need it today', 0.85],
    ['distinct words only', 'urgent urgent URGENT', 0.6],
    ['capped at 1', 'urgent emergency, immediately', 1],
    ['whole words only: nowhere, snow, known', 'Nowhere to be found, snow is known', 0],
    ['calm', CALM, 0],
  ])('urgency: %s (%s) → %d', (_label, text, expected) => {
    expect(moodOf(text).urgency).toBeCloseTo(expected, 5);
  });
});

describe('levelOf', () => {
  it.each<[number, PriorityLevel]>([
    [0, 'low'],
    [14, 'low'],
    [15, 'normal'],
    [39, 'normal'],
    [40, 'high'],
    [69, 'high'],
    [70, 'urgent'],
    [100, 'urgent'],
  ])('%d → %s', (score, level) => {
    expect(levelOf(score)).toBe(level);
  });
});

describe('assessPriority', () => {
  it.each<[string, Partial<PriorityInput>, number, PriorityLevel, string[]]>([
    ['standard, calm question', {}, 20, 'normal', []],
    ['VIP, calm question', { tier: 'vip' }, 55, 'high', ['VIP customer']],
    ['standard, furious complaint', { text: FURIOUS }, 60, 'high', ['angry tone']],
    ['VIP, furious complaint', { tier: 'vip', text: FURIOUS }, 95, 'urgent', ['VIP customer', 'angry tone']],
    ['standard, annoyed', { text: 'The package arrived damaged. Can I get a replacement?' }, 28, 'normal', ['annoyed tone']],
    [
      'standard, urgent wording',
      { text: 'Urgent: my account was hacked, please help immediately' },
      40,
      'high',
      ['urgent wording'],
    ],
    [
      'standard, furious and pressing',
      { text: 'What a scam. Ridiculous. I want my money back NOW' },
      65,
      'high',
      ['angry tone'],
    ],
    ['standard, just thanks', { text: THANKS }, 0, 'low', ['just saying thanks']],
    ['standard, short thanks in Spanish', { text: '¡Muchas gracias!' }, 0, 'low', ['just saying thanks']],
    ['VIP, just thanks', { tier: 'vip', text: THANKS }, 35, 'normal', ['VIP customer', 'just saying thanks']],
    ['thanks with a question is a question', { text: 'Thanks! When does it ship?' }, 20, 'normal', []],
    ['thanks that goes on is not a closing', { text: 'Thanks, but my order still has not arrived at my place' }, 20, 'normal', []],
    ['empty text (attachment only)', { text: '' }, 20, 'normal', []],

    ['SLA due in 12 min', { slaDeadline: minutesFromNow(12) }, 40, 'high', ['SLA due soon']],
    ['SLA due in exactly 15 min', { slaDeadline: minutesFromNow(15) }, 40, 'high', ['SLA due soon']],
    ['SLA due in 30 s', { slaDeadline: minutesFromNow(0.5) }, 40, 'high', ['SLA due soon']],
    ['SLA due in 16 min is not pressing yet', { slaDeadline: minutesFromNow(16) }, 20, 'normal', []],
    ['SLA breached this instant', { slaDeadline: NOW }, 70, 'urgent', ['SLA breached']],
    ['SLA breached 5 min ago', { slaDeadline: minutesFromNow(-5) }, 70, 'urgent', ['SLA breached']],
    ['SLA breached 90 min ago', { slaDeadline: minutesFromNow(-90) }, 70, 'urgent', ['SLA breached']],
    [
      'SLA never lowers a higher score',
      { tier: 'vip', text: FURIOUS, slaDeadline: minutesFromNow(-5) },
      95,
      'urgent',
      ['VIP customer', 'angry tone', 'SLA breached'],
    ],
    [
      'SLA soon on an already high VIP',
      { tier: 'vip', slaDeadline: minutesFromNow(10) },
      55,
      'high',
      ['VIP customer', 'SLA due soon'],
    ],

    ['waiting 20 min adds a little, no signal yet', { waitingSince: minutesFromNow(-20) }, 23, 'normal', []],
    ['waiting 45 min', { waitingSince: minutesFromNow(-45) }, 28, 'normal', ['waiting 45 min']],
    ['waiting 3 h adds at most 10', { waitingSince: minutesFromNow(-180) }, 30, 'normal', ['waiting 3 h']],
    ['waiting since a future time (clock skew) adds nothing', { waitingSince: minutesFromNow(5) }, 20, 'normal', []],
    [
      'a thank-you waiting 2 h is still low',
      { text: THANKS, waitingSince: minutesFromNow(-120) },
      10,
      'low',
      ['just saying thanks', 'waiting 2 h'],
    ],
  ])('%s → %d %s', (_label, over, score, level, signals) => {
    expect(assessPriority(input(over))).toEqual({ score, level, signals });
  });

  const score = (over: Partial<PriorityInput>): number => assessPriority(input(over)).score;

  it.each<[string, Partial<PriorityInput>, Partial<PriorityInput>]>([
    ['a VIP calm question outranks a standard calm question', { tier: 'vip' }, {}],
    ['a furious complaint outranks a calm question', { text: FURIOUS }, {}],
    ['a furious standard complaint outranks a calm VIP question', { text: FURIOUS }, { tier: 'vip' }],
    ['a fresh VIP outranks a standard who waited an hour', { tier: 'vip' }, { waitingSince: minutesFromNow(-60) }],
    ['an SLA about to breach outranks a fresh calm question', { slaDeadline: minutesFromNow(5) }, {}],
    ['a breached SLA outranks a calm VIP question', { slaDeadline: minutesFromNow(-1) }, { tier: 'vip' }],
    ['a longer wait outranks a shorter one, all else equal', { waitingSince: minutesFromNow(-40) }, { waitingSince: minutesFromNow(-10) }],
    ['urgent wording outranks a calm question', { text: 'Necesito ayuda urgente con mi pedido' }, { text: 'Necesito ayuda con mi pedido' }],
    ['a question outranks a thank-you', {}, { text: THANKS }],
    ['es: a furious complaint outranks a calm question', { text: '¡Es una estafa! Inaceptable.' }, { text: '¿Cuándo llega mi pedido?' }],
    ['fr: a furious complaint outranks a calm question', { text: "C'est honteux, une arnaque !!" }, { text: 'Quand arrive ma commande ?' }],
    ['de: a furious complaint outranks a calm question', { text: 'Eine Frechheit, reiner Betrug!' }, { text: 'Wann kommt meine Bestellung?' }],
    ['pt: a furious complaint outranks a calm question', { text: 'Que vergonha, isso é um golpe!' }, { text: 'Quando chega a minha encomenda?' }],
    ['it: a furious complaint outranks a calm question', { text: 'Una truffa, che vergogna!' }, { text: 'Quando arriva il mio ordine?' }],
  ])('%s', (_label, higher, lower) => {
    expect(score(higher)).toBeGreaterThan(score(lower));
  });
});
