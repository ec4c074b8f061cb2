export interface WaitingConversation {
  id: string;
  priorityScore: number;
  slaDeadline: Date | null;
  waitingSince: Date;
}

/** Earlier deadline first; no deadline means no promise to keep, so it goes after every deadline. */
function compareDeadline(a: Date | null, b: Date | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return a.getTime() - b.getTime();
}

/**
 * Queue order when no agent is free: higher priority first, then the earlier SLA deadline, then whoever
 * has waited longest, then id so every worker agrees on the same order.
 */
export function compareWaiting(a: WaitingConversation, b: WaitingConversation): number {
  return (
    b.priorityScore - a.priorityScore ||
    compareDeadline(a.slaDeadline, b.slaDeadline) ||
    a.waitingSince.getTime() - b.waitingSince.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The conversation to hand out when a slot frees (undefined when nobody waits). */
export function nextToServe(list: readonly WaitingConversation[]): WaitingConversation | undefined {
  return list.reduce<WaitingConversation | undefined>(
    (best, item) => (best === undefined || compareWaiting(item, best) < 0 ? item : best),
    undefined,
  );
}
