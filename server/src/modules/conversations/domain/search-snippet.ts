import { searchWords, wordMatches } from './search-query.js';

/** About what a list row shows of a message. */
export const SNIPPET_LENGTH = 120;
/** Context kept before the first hit, so the reader sees what it is about. */
const LEAD = 30;
const ELLIPSIS = '…';

export interface Snippet {
  snippet: string;
  /** [start, end) of each matching word within `snippet`. */
  highlights: Array<[number, number]>;
}

/** A cut inside a surrogate pair would leave half an emoji: move it back one. */
const safeCut = (text: string, at: number) => (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]!) ? at - 1 : at);

/**
 * The part of a message around its first hit, whitespace collapsed, at most `length` characters (plus
 * an ellipsis at a cut end), cut between words where it can; and where the matching words are in it.
 * A message whose hit this cannot see (a folding only the database knows) shows its start.
 */
export function searchSnippet(text: string, terms: string[], length = SNIPPET_LENGTH): Snippet {
  const flat = text.replace(/\s+/g, ' ').trim();
  const hits = searchWords(flat).filter((w) => terms.some((t) => wordMatches(w.word, t)));
  const first = hits[0];
  let start = 0;
  if (first && flat.length > length) {
    // Start a little before the hit (less in a short window, so the hit fits), at a word, and no later
    // than needed to fill the window up to the end.
    const lead = Math.min(LEAD, Math.floor(Math.max(0, length - (first.end - first.start)) / 3));
    const wanted = Math.max(0, Math.min(first.start - lead, flat.length - length));
    const space = wanted > 0 ? flat.indexOf(' ', wanted - 1) : -1;
    start = wanted === 0 ? 0 : space !== -1 && space < first.start ? space + 1 : first.start;
  }
  let end = Math.min(flat.length, start + length);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    // Between words, unless that would cut the hit itself off.
    end = space > start && (!first || space >= first.end) ? space : safeCut(flat, end);
  }
  start = safeCut(flat, start);
  const before = start > 0 ? ELLIPSIS : '';
  const after = end < flat.length ? ELLIPSIS : '';
  const shift = before.length - start;
  return {
    snippet: `${before}${flat.slice(start, end)}${after}`,
    highlights: hits.filter((h) => h.start >= start && h.end <= end).map((h) => [h.start + shift, h.end + shift]),
  };
}
