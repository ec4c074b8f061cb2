import type { Agent, Assignment, Conversation, Message, User } from '@rapport/shared';

/** How an id reads when nobody told us the name (agents may not list their colleagues). */
export const UNKNOWN_TEAMMATE = 'a teammate';

export type NameOf = (userId: string) => string;

/**
 * Every name this viewer already knows: the agents list (supervisors only), themselves, the current
 * assignee and the agents who wrote in the thread.
 */
export function buildNameDirectory(sources: {
  agents?: readonly Pick<Agent, 'id' | 'name'>[];
  currentUser?: Pick<User, 'id' | 'name'>;
  conversation?: Pick<Conversation, 'assignee'>;
  messages?: readonly Pick<Message, 'authorType' | 'authorId' | 'authorName'>[];
}): NameOf {
  const names = new Map<string, string>();
  for (const m of sources.messages ?? []) {
    if (m.authorType === 'agent' && m.authorId && m.authorName) names.set(m.authorId, m.authorName);
  }
  const assignee = sources.conversation?.assignee;
  if (assignee) names.set(assignee.id, assignee.name);
  if (sources.currentUser) names.set(sources.currentUser.id, sources.currentUser.name);
  for (const a of sources.agents ?? []) names.set(a.id, a.name);
  return (userId) => names.get(userId) ?? UNKNOWN_TEAMMATE;
}

/** One line for the thread: who got it, from whom, who did it and why. */
export function describeAssignment(assignment: Pick<Assignment, 'fromUserId' | 'toUserId' | 'byUserId' | 'reason'>, nameOf: NameOf): string {
  const to = assignment.toUserId ? nameOf(assignment.toUserId) : null;
  const from = assignment.fromUserId ? nameOf(assignment.fromUserId) : null;
  const by = assignment.byUserId ? nameOf(assignment.byUserId) : null;

  switch (assignment.reason) {
    case 'sticky':
      if (to) return `Routed to ${to} (returning customer)`;
      break;
    case 'auto':
      if (to) return `Routed to ${to} automatically`;
      break;
    case 'offline':
      if (from) return to ? `Moved from ${from} to ${to}: went offline` : `Moved from ${from}: went offline`;
      if (to) return `Routed to ${to}: previous agent went offline`;
      break;
    case 'capacity':
      if (from) return to ? `Moved from ${from} to ${to}: over capacity` : `Moved from ${from}: over capacity`;
      if (to) return `Routed to ${to} as capacity freed up`;
      break;
    case 'manual':
      if (to && assignment.byUserId !== null && assignment.byUserId === assignment.toUserId) return `Taken by ${to}`;
      if (to) return by ? `Assigned to ${to} by ${by}` : `Assigned to ${to}`;
      break;
  }
  if (!to) return by ? `Unassigned by ${by}` : 'Unassigned';
  return `Assigned to ${to}`;
}
