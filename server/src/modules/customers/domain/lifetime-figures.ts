import type { CustomerProfile } from '@rapport/shared';

/** Lifetime figures over every conversation of a customer: how many, the last contact, how many are open now. */
export function lifetimeFigures(conversations: Array<{ status: string; lastMessageAt: Date }>): CustomerProfile['stats'] {
  const last = conversations.reduce<Date | null>((a, c) => (a === null || c.lastMessageAt > a ? c.lastMessageAt : a), null);
  return { conversations: conversations.length, lastContactAt: last?.toISOString() ?? null, openNow: conversations.filter((c) => c.status === 'open').length };
}
