import { francAll } from 'franc-min';

/** Languages agents declare and the detector may answer (ISO 639-1). */
export const SUPPORTED_LANGUAGES = ['en', 'es', 'fr', 'de', 'pt', 'it'] as const;
export type SupportedLanguage = (typeof SUPPORTED_LANGUAGES)[number];

/** franc speaks ISO 639-3; agents and customers are described in ISO 639-1. */
const FROM_ISO639_3: Readonly<Record<string, SupportedLanguage>> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ita: 'it',
};
const ONLY = Object.keys(FROM_ISO639_3);

/**
 * Trigram guesses on fewer letters than this are mostly noise ("thank you so much" comes out German),
 * and a wrong language is worse than none: routing simply skips the language step on null.
 * Counted in letters so that order numbers, emoji and punctuation do not make a text look long.
 */
const MIN_LETTERS = 15;

/** Runner-up this close to the winner (franc's 0..1 scale) means franc cannot tell them apart. */
const MIN_MARGIN = 0.04;

/**
 * Characters that, among the supported languages, only one language writes. They settle a near tie
 * (Spanish and Portuguese are often within a hair of each other in short messages).
 */
const MARKERS: Readonly<Partial<Record<SupportedLanguage, RegExp>>> = {
  es: /[¿¡ñ]/iu,
  pt: /[ãõ]/iu,
  de: /[ßäö]/iu,
};

const countLetters = (text: string): number => text.match(/\p{L}/gu)?.length ?? 0;

/**
 * The languages franc cannot tell apart at the top of its ranking (one when it is sure), or none when
 * the text is too short or in none of the supported languages.
 */
export function likelyLanguages(text: string): SupportedLanguage[] {
  if (countLetters(text) < MIN_LETTERS) return [];
  const ranked = francAll(text, { only: ONLY, minLength: MIN_LETTERS });
  const top = ranked[0];
  if (!top) return [];
  return ranked
    .filter(([, score]) => top[1] - score < MIN_MARGIN)
    .map(([code]) => FROM_ISO639_3[code])
    .filter((lang): lang is SupportedLanguage => lang !== undefined);
}

/** The customer's language (ISO 639-1) when the text says so clearly enough, else null. */
export function detectLanguage(text: string): SupportedLanguage | null {
  const contenders = likelyLanguages(text);
  if (contenders.length === 1) return contenders[0] ?? null;
  const marked = contenders.filter((lang) => MARKERS[lang]?.test(text) === true);
  return marked.length === 1 ? (marked[0] ?? null) : null;
}
