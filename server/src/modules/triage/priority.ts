import Sentiment from 'sentiment';
import { likelyLanguages } from './language.js';
import { countHits, lexicon, normalize } from './word-match.js';

export interface PriorityInput {
  tier: 'standard' | 'vip';
  /** latest customer text(s) */
  text: string;
  waitingSince: Date | null;
  slaDeadline: Date | null;
  now: Date;
}

export type PriorityLevel = 'low' | 'normal' | 'high' | 'urgent';

export interface PriorityResult {
  score: number;
  level: PriorityLevel;
  /** human-readable reasons, e.g. 'VIP customer', 'angry tone', 'urgent wording', 'SLA due soon' */
  signals: string[];
}

export interface Mood {
  /** 0..1 */
  anger: number;
  /** 0..1 */
  urgency: number;
}

/**
 * Score weights (score is 0..100). Chosen so that, in order:
 * a calm standard question is 'normal' (base); a calm VIP question is 'high' and outranks it;
 * a furious standard complaint (anger 1 → 60) outranks even a calm VIP question (55);
 * a VIP who sounds angry (anger ≥ ~0.4) is 'urgent'; a bare "thanks!" is 'low';
 * waiting adds at most a little, so it only reorders within a level.
 */
const WEIGHTS = {
  base: 20,
  vip: 35,
  anger: 40, // × anger 0..1
  urgency: 20, // × urgency 0..1
  closingThanks: -20,
  waitPointsPerMinute: 1 / 6,
  waitMaxPoints: 10,
} as const;

/** Lowest score of each level; SLA pressure lifts a conversation to these floors. */
const LEVEL_FLOORS = { normal: 15, high: 40, urgent: 70 } as const;

/** An SLA due this soon must be picked up now, not after the calm VIPs. */
const SLA_SOON_MINUTES = 15;

/** Mood signals are added up and capped at 1; each is sized against "one of them alone". */
const ANGER = {
  lexiconHit: 0.45, // per distinct complaint word: calling it a scam is angry on its own
  afinnPerPoint: 0.1, // per negative AFINN point beyond the first (a lone 'no' is not anger)
  shouting: 0.35, // mostly capitals
  exclamationRun: 0.15, // '!!', '?!', '??' — a single '!' is often just friendly
  maxExclamationRuns: 2,
} as const;

const URGENCY = { strong: 0.6, weak: 0.25 } as const;

/** Thresholds for turning mood into signals. */
const ANGRY = 0.4;
const ANNOYED = 0.15;
const URGENT_WORDING = 0.5;
const LONG_WAIT_MINUTES = 30;

/** Shouting is only judged on texts with this many cased letters ("OK", "FYI" are not shouting). */
const SHOUTING_MIN_LETTERS = 12;

// Lexicons are written naturally and normalized like the text (lowercase, no accents, word tokens).
const ANGER_WORDS = [
  // en (AFINN misses or underrates these in care messages)
  'scam', 'ridiculous', 'unacceptable', 'worst', 'furious', 'thanks for nothing',
  // es
  'inaceptable', 'vergüenza', 'estafa', 'harto', 'harta', 'furioso', 'furiosa',
  // fr
  'inadmissible', 'honteux', 'honte', 'arnaque', 'furieux', 'furieuse', 'scandale', 'scandaleux',
  // de
  'unverschämt', 'frechheit', 'betrug', 'wütend', 'skandal',
  // pt
  'inaceitável', 'vergonha', 'golpe', 'absurdo',
  // it
  'inaccettabile', 'vergogna', 'truffa', 'scandaloso',
];

const STRONG_URGENCY_WORDS = [
  'urgent', 'urgently', 'asap', 'immediately', 'emergency', 'right away',
  'urgente', 'urgentemente', 'urgencia', 'inmediatamente', 'emergencia', 'cuanto antes', 'ya mismo',
  'urgence', 'immédiatement', 'au plus vite', 'tout de suite',
  'dringend', 'sofort', 'notfall', 'umgehend',
  'urgência', 'imediatamente', 'emergência', 'o quanto antes',
  'urgenza', 'subito', 'immediatamente', 'emergenza',
];

/** Common enough in calm messages ("I ordered today") that they only nudge. */
const WEAK_URGENCY_WORDS = ['now', 'today', 'ahora', 'hoy', 'maintenant', "aujourd'hui", 'jetzt', 'heute', 'agora', 'hoje', 'adesso', 'oggi'];

const THANKS_WORDS = [
  'thanks', 'thank you', 'thx', 'cheers', 'gracias', 'merci', 'danke', 'obrigado', 'obrigada', 'grazie',
];
/** A thank-you longer than this probably says something else too. */
const CLOSING_THANKS_MAX_WORDS = 6;

const ANGER_LEXICON = lexicon(ANGER_WORDS);
const STRONG_URGENCY_LEXICON = lexicon(STRONG_URGENCY_WORDS);
const WEAK_URGENCY_LEXICON = lexicon(WEAK_URGENCY_WORDS);
const THANKS_LEXICON = lexicon(THANKS_WORDS);

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

const afinn = new Sentiment();

/**
 * AFINN is an English lexicon: on other languages it misfires on look-alikes (French 'dire' = "say"
 * scores −3), so it is skipped unless the text may be English (or is too short to tell).
 */
function englishSentiment(text: string): number {
  const languages = likelyLanguages(text);
  return languages.length === 0 || languages.includes('en') ? afinn.analyze(text).score : 0;
}

/** Share of capitals among cased letters, graded from half (0) to four fifths (full shouting). */
function shouting(text: string): number {
  const cased = [...text].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  if (cased.length < SHOUTING_MIN_LETTERS) return 0;
  const upper = cased.filter((ch) => ch === ch.toUpperCase()).length / cased.length;
  return clamp01((upper - 0.5) / 0.3);
}

const exclamationRuns = (text: string): number => text.match(/[!?¡¿]*(?:!!|\?!|!\?|\?\?)[!?]*/g)?.length ?? 0;

/** How angry and how pressed the customer sounds, in any of the supported languages. */
export function moodOf(text: string): Mood {
  const normalized = normalize(text);
  const negativePoints = Math.max(0, -englishSentiment(text) - 1);
  const anger =
    countHits(normalized, ANGER_LEXICON) * ANGER.lexiconHit +
    negativePoints * ANGER.afinnPerPoint +
    shouting(text) * ANGER.shouting +
    Math.min(exclamationRuns(text), ANGER.maxExclamationRuns) * ANGER.exclamationRun;
  const urgency =
    countHits(normalized, STRONG_URGENCY_LEXICON) * URGENCY.strong +
    countHits(normalized, WEAK_URGENCY_LEXICON) * URGENCY.weak;
  return { anger: clamp01(anger), urgency: clamp01(urgency) };
}

/** A short thank-you that asks nothing: the conversation can wait for the real questions. */
function isClosingThanks(text: string, mood: Mood): boolean {
  const normalized = normalize(text);
  const words = normalized.trim().split(' ').filter(Boolean).length;
  return (
    mood.anger === 0 &&
    mood.urgency === 0 &&
    !text.includes('?') &&
    words <= CLOSING_THANKS_MAX_WORDS &&
    countHits(normalized, THANKS_LEXICON) > 0
  );
}

export function levelOf(score: number): PriorityLevel {
  if (score >= LEVEL_FLOORS.urgent) return 'urgent';
  if (score >= LEVEL_FLOORS.high) return 'high';
  if (score >= LEVEL_FLOORS.normal) return 'normal';
  return 'low';
}

const MINUTE_MS = 60_000;

function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/**
 * Where the SLA stands: a floor to lift the score to and the reason, or nothing when it is not pressing.
 * Signals are stored, so they name no time left or past: the live countdown beside them does.
 */
function slaPressure(slaDeadline: Date | null, now: Date): { floor: number; signal: string } | null {
  if (!slaDeadline) return null;
  const leftMs = slaDeadline.getTime() - now.getTime();
  if (leftMs <= 0) return { floor: LEVEL_FLOORS.urgent, signal: 'SLA breached' };
  if (leftMs <= SLA_SOON_MINUTES * MINUTE_MS) return { floor: LEVEL_FLOORS.high, signal: 'SLA due soon' };
  return null;
}

/** How soon this conversation should be answered, and why, from the customer, their words and the clock. */
export function assessPriority(input: PriorityInput): PriorityResult {
  const signals: string[] = [];
  let score: number = WEIGHTS.base;

  if (input.tier === 'vip') {
    score += WEIGHTS.vip;
    signals.push('VIP customer');
  }

  const mood = moodOf(input.text);
  score += mood.anger * WEIGHTS.anger + mood.urgency * WEIGHTS.urgency;
  if (mood.anger >= ANGRY) signals.push('angry tone');
  else if (mood.anger >= ANNOYED) signals.push('annoyed tone');
  if (mood.urgency >= URGENT_WORDING) signals.push('urgent wording');
  if (isClosingThanks(input.text, mood)) {
    score += WEIGHTS.closingThanks;
    signals.push('just saying thanks');
  }

  if (input.waitingSince) {
    const waited = Math.max(0, Math.floor((input.now.getTime() - input.waitingSince.getTime()) / MINUTE_MS));
    score += Math.min(WEIGHTS.waitMaxPoints, waited * WEIGHTS.waitPointsPerMinute);
    if (waited >= LONG_WAIT_MINUTES) signals.push(`waiting ${formatMinutes(waited)}`);
  }

  score = Math.round(Math.min(100, Math.max(0, score)));
  const sla = slaPressure(input.slaDeadline, input.now);
  if (sla) {
    score = Math.max(score, sla.floor);
    signals.push(sla.signal);
  }
  return { score, level: levelOf(score), signals };
}
