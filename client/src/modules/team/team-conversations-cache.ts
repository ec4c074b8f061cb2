import type { Conversation, Priority } from '@rapport/shared';
import { isOlderSnapshot } from '../inbox/conversation-cache';
import { UNASSIGNED_OWNER, type TeamListOwner } from './query-keys';

/** Whether a conversation belongs in a Team view list: open, and owned by that agent (or by nobody for the queue). */
export function belongsTo(conversation: Pick<Conversation, 'status' | 'assigneeId'>, owner: TeamListOwner): boolean {
  if (conversation.status !== 'open') return false;
  return owner === UNASSIGNED_OWNER ? conversation.assigneeId === null : conversation.assigneeId === owner;
}

/**
 * A new version of a conversation applied to one Team view list: added, replaced or dropped. The lists
 * are small and sorted on screen, so the order here does not matter. Same array back when nothing changes.
 */
export function applyToTeamList(list: Conversation[] | undefined, conversation: Conversation, owner: TeamListOwner): Conversation[] | undefined {
  if (!list) return list;
  const index = list.findIndex((c) => c.id === conversation.id);
  const cached = index === -1 ? undefined : list[index];
  if (isOlderSnapshot(conversation, cached)) return list;
  const belongs = belongsTo(conversation, owner);
  if (index === -1) return belongs ? [...list, conversation] : list;
  if (!belongs) return list.filter((c) => c.id !== conversation.id);
  return list.map((c, i) => (i === index ? conversation : c));
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, normal: 2, low: 3 };

function timeOr(iso: string | null, fallback: number): number {
  if (!iso) return fallback;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? fallback : t;
}

/** Who is served first: higher priority, then the earliest SLA due time, then the longest wait; ties by id. */
export function compareQueue(a: Conversation, b: Conversation): number {
  const byPriority = PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
  if (byPriority !== 0) return byPriority;
  const byDeadline = timeOr(a.slaDeadline, Number.POSITIVE_INFINITY) - timeOr(b.slaDeadline, Number.POSITIVE_INFINITY);
  if (byDeadline !== 0 && !Number.isNaN(byDeadline)) return byDeadline;
  const byWait = timeOr(a.waitingSince, Number.POSITIVE_INFINITY) - timeOr(b.waitingSince, Number.POSITIVE_INFINITY);
  if (byWait !== 0 && !Number.isNaN(byWait)) return byWait;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function sortQueue(list: readonly Conversation[]): Conversation[] {
  return [...list].sort(compareQueue);
}
