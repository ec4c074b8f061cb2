/**
 * What a search box query means to the database: its words for the full-text index (whole, and as the
 * start of longer words), and a pattern for names and handles. The database indexes message text as
 * `search_document` (migration 1795376000000-Search): accents removed (unaccent), lowercase, ASCII
 * punctuation as spaces, one lexeme per run of letters and digits, the `simple` configuration (no
 * stemming, no stop words, whatever the language). The folding here mirrors it closely enough to
 * highlight the words; the database folds the query again, so a letter missed here still matches.
 */

/** More words than this is a pasted paragraph, not a search: 400. */
export const MAX_SEARCH_WORDS = 10;
/** Words at least this long also match longer words they start ("refund" finds "refunded"). */
export const PREFIX_MIN_LENGTH = 3;
/** Names and handles are searched by their characters (trigrams): fewer than three match nearly everyone. */
export const NAME_MIN_LENGTH = 3;

// Letters that decomposition leaves whole but unaccent spells out.
const SPELLED: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ð: 'd', đ: 'd', ł: 'l', þ: 'th', ı: 'i', ŧ: 't', ħ: 'h' };
const SPELLED_RE = new RegExp(`[${Object.keys(SPELLED).join('')}]`, 'g');

/**
 * A word: a run of letters and digits. Modifier letters (ʼ, ː…) and other number signs (½, ⑴) are left
 * out on purpose: unaccent turns them into quotes, colons or parentheses, which are punctuation there.
 */
const WORD = /[\p{Ll}\p{Lu}\p{Lt}\p{Lo}\p{Nd}\p{M}]+/gu;
// What folding may leave that is not a letter or digit (the modifier in ŉ = ʼn): dropped from words.
const NOT_WORD_CHAR = /[^\p{Ll}\p{Lu}\p{Lt}\p{Lo}\p{Nd}]/gu;

/** Lowercase, without accents: "Müller" → "muller", "Straße" → "strasse", "ﬁn" → "fin". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(SPELLED_RE, (ch) => SPELLED[ch] ?? ch);
}

export interface SearchWord {
  /** The word folded (see foldForSearch). */
  word: string;
  /** Offsets of the word in the text it was found in. */
  start: number;
  end: number;
}

/** The words of a text with their offsets in it, as the index splits it. */
export function searchWords(text: string): SearchWord[] {
  const words: SearchWord[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = foldForSearch(m[0]).replace(NOT_WORD_CHAR, '');
    if (word) words.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return words;
}

/** Whether a folded word of a message is a hit for a folded query term. */
export function wordMatches(word: string, term: string): boolean {
  return word === term || (term.length >= PREFIX_MIN_LENGTH && word.startsWith(term));
}

export interface SearchQuery {
  /** The folded words, in the order typed, each once. */
  terms: string[];
  /** Every word whole (`to_tsquery('simple', …)` syntax): the better matches. */
  wholeWords: string;
  /** Every word, each one long enough also as the start of a longer word: every match. */
  anyForm: string;
  /** LIKE pattern for names and handles (`\` escapes), or null when the query is too short for it. */
  namePattern: string | null;
  /** The query as a name (folded, spaces collapsed), for trigram similarity; null with namePattern. */
  nameText: string | null;
}

export type ParsedSearch = { kind: 'search'; query: SearchQuery } | { kind: 'nothing' } | { kind: 'invalid'; reason: string };

const likeEscape = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/**
 * Reads a search box query. Nothing to look for (only punctuation, spaces) gives `nothing`, an empty
 * result; too many words `invalid`. Names and handles are matched on the whole query, a leading @ left
 * out ("@ana_b" finds the handle "ana_b"); message text on every word of it.
 */
export function parseSearchQuery(raw: string): ParsedSearch {
  const text = raw.replace(/\s+/g, ' ').trim();
  const terms = [...new Set(searchWords(text).map((w) => w.word))];
  if (terms.length === 0) return { kind: 'nothing' };
  if (terms.length > MAX_SEARCH_WORDS) return { kind: 'invalid', reason: `q has ${terms.length} words: search with at most ${MAX_SEARCH_WORDS}` };
  // Terms hold letters and digits only, so quoting them needs no escapes.
  const wholeWords = terms.map((t) => `'${t}'`).join(' & ');
  const anyForm = terms.map((t) => (t.length >= PREFIX_MIN_LENGTH ? `'${t}':*` : `'${t}'`)).join(' & ');
  const name = foldForSearch(text.replace(/^@+/, '')).trim();
  const nameUsable = [...name].length >= NAME_MIN_LENGTH;
  return {
    kind: 'search',
    query: { terms, wholeWords, anyForm, namePattern: nameUsable ? `%${likeEscape(name)}%` : null, nameText: nameUsable ? name : null },
  };
}
