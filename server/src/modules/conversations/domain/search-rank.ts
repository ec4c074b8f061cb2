import type { SearchQuery } from './search-query.js';

/**
 * How well a conversation matches, best first. Discrete on purpose: agents look for a person or a case,
 * and among equally good matches the newest is the one they mean; a float rank (ts_rank) would hardly
 * ever tie, so "newest first" would never apply, and it would have to be computed for every hit of a
 * common word before the first page could be shown.
 */
export const TIER = {
  /** The customer's name, handle or platform id contains the query (accents and case aside), or is very like it. */
  name: 3,
  /** A message has every word of the query as a whole word. */
  wholeWords: 2,
  /** A message has every word, some only as the start of a longer one ("refund" in "refunded"). */
  anyForm: 1,
} as const;
export type Tier = (typeof TIER)[keyof typeof TIER];

/** A place in the search order, the keyset of search pages: better tier first, then newest activity, then higher id (as the SQL orders). */
export interface Ranked {
  tier: number;
  at: Date;
  id: string;
}

/** The tiers a query can reach, best first: no name tier for a short query, no word-start tier when no word is long enough. */
export function tiersOf(query: Pick<SearchQuery, 'namePattern' | 'wholeWords' | 'anyForm'>): Tier[] {
  const tiers: Tier[] = [];
  if (query.namePattern !== null) tiers.push(TIER.name);
  tiers.push(TIER.wholeWords);
  if (query.anyForm !== query.wholeWords) tiers.push(TIER.anyForm);
  return tiers;
}

export interface TierStep {
  tier: Tier;
  /** Within the tier, only rows older than this (activity, then id); null from the tier's start. */
  after: { at: Date; id: string } | null;
}

/**
 * Which tiers a page reads and from where: without a cursor every tier from its start; with one, the
 * cursor's tier from the cursor on, then the tiers below it from their start.
 */
export function tierSteps(tiers: Tier[], cursor: Ranked | null): TierStep[] {
  if (!cursor) return tiers.map((tier) => ({ tier, after: null }));
  return tiers.filter((tier) => tier <= cursor.tier).map((tier) => ({ tier, after: tier === cursor.tier ? { at: cursor.at, id: cursor.id } : null }));
}

export interface MessageHit {
  conversationId: string;
  messageId: string;
  sentAt: Date;
  /** Every query word is a whole word of it. */
  whole: boolean;
}

/** The hit to show for a conversation: whole words before word starts, then the newest message. */
export function bestHit<T extends MessageHit>(hits: T[]): T | undefined {
  let best: T | undefined;
  for (const hit of hits) {
    if (!best || (hit.whole && !best.whole) || (hit.whole === best.whole && (hit.sentAt > best.sentAt || (hit.sentAt.getTime() === best.sentAt.getTime() && hit.messageId > best.messageId)))) best = hit;
  }
  return best;
}
