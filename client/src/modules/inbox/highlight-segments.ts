/** A run of a search snippet: plain text, or a word that matched the query. */
export interface HighlightSegment {
  text: string;
  hit: boolean;
}

/**
 * Splits a snippet at the server's highlight ranges ([start, end) offsets into it). Ranges out of
 * order, overlapping or past the end are clipped rather than trusted, so a bad range never hides text.
 */
export function highlightSegments(snippet: string, highlights: ReadonlyArray<readonly [number, number]>): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let at = 0;
  for (const [rawStart, rawEnd] of [...highlights].sort((a, b) => a[0] - b[0])) {
    const start = Math.max(at, Math.min(rawStart, snippet.length));
    const end = Math.min(rawEnd, snippet.length);
    if (end <= start) continue;
    if (start > at) segments.push({ text: snippet.slice(at, start), hit: false });
    segments.push({ text: snippet.slice(start, end), hit: true });
    at = end;
  }
  if (at < snippet.length) segments.push({ text: snippet.slice(at), hit: false });
  return segments;
}

/**
 * The segments with the text before the first hit cut to about `lead` characters (at a word start,
 * after "…"), so a one-line snippet shows the word that matched instead of the sentence before it.
 */
export function fromFirstHit(segments: readonly HighlightSegment[], lead = 20): HighlightSegment[] {
  const first = segments[0];
  if (!first || first.hit || segments.length < 2 || first.text.length <= lead + 1) return [...segments];
  const tail = first.text.slice(-lead);
  const wordStart = tail.search(/\s\S/);
  const kept = wordStart === -1 ? tail : tail.slice(wordStart + 1);
  return [{ text: `…${kept}`, hit: false }, ...segments.slice(1)];
}
