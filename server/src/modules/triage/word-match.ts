/** Whole-word matching that ignores case and accents, for the small multilingual lexicons of routing. */

/** Lowercase, accents off, words joined by single spaces and padded, so ` word ` matches whole words. */
export function normalize(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return ` ${words.join(' ')} `;
}

/** Lexicon entries are written naturally and normalized like the text. */
export const lexicon = (entries: string[]): string[] => [...new Set(entries.map(normalize))];

/** Distinct lexicon entries found as whole words: repeating a word does not repeat its weight. */
export const countHits = (normalized: string, entries: string[]): number => entries.filter((entry) => normalized.includes(entry)).length;
