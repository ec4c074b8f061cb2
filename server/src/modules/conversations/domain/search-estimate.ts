/**
 * The planner's statistics of the message index (pg_stats of ix_messages_search): its most common
 * lexemes and the share of messages holding each; `freqs` ends with three more numbers, the lowest and
 * highest of those shares and the share of empty documents, as Postgres stores them.
 */
export interface LexemeStats {
  lexemes: string[];
  freqs: number[];
  /** Messages in the table (pg_class.reltuples). */
  messages: number;
}

export interface EstimatedTerm {
  term: string;
  /** Also matches longer words that start with it. */
  prefix: boolean;
}

/**
 * About how many messages hold every term, erring high: the rarest term's count (words asked together
 * tend to come together, so their shares are not multiplied). A word missing from the statistics is
 * rarer than the rarest listed one; a word start counts every listed word it starts. Without statistics
 * (a new database) every word is rare: 0.
 */
export function estimateMatches(stats: LexemeStats | null, terms: EstimatedTerm[]): number {
  if (!stats || stats.lexemes.length === 0 || terms.length === 0) return 0;
  const rarest = stats.freqs[stats.lexemes.length] ?? 0;
  let share = 1;
  for (const { term, prefix } of terms) {
    let termShare = 0;
    if (prefix) {
      for (let i = 0; i < stats.lexemes.length; i++) if (stats.lexemes[i]!.startsWith(term)) termShare += stats.freqs[i] ?? 0;
      termShare = Math.min(1, termShare + rarest);
    } else {
      const i = stats.lexemes.indexOf(term);
      termShare = i === -1 ? rarest : (stats.freqs[i] ?? rarest);
    }
    share = Math.min(share, termShare);
  }
  return Math.round(share * stats.messages);
}
