import type { Agent, Assignment, Conversation, DirectoryEntry, Message, User } from '@rapport/shared';

/** How an id reads when nobody told us the name (a user the directory does not list, or not loaded yet). */
export const UNKNOWN_TEAMMATE = 'a teammate';

export type NameOf = (userId: string) => string;

/**
 * Every name this viewer knows: the directory (every role may read it), the agents list (supervisors),
 * themselves, the current assignee and the agents who wrote in the thread. Fresher sources win.
 */
export function buildNameDirectory(sources: {
  directory?: readonly Pick<DirectoryEntry, 'id' | 'name'>[];
  agents?: readonly Pick<Agent, 'id' | 'name'>[];
  currentUser?: Pick<User, 'id' | 'name'>;
  conversation?: Pick<Conversation, 'assignee'>;
  messages?: readonly Pick<Message, 'authorType' | 'authorId' | 'authorName'>[];
}): NameOf {
  const names = new Map<string, string>();
  for (const entry of sources.directory ?? []) names.set(entry.id, entry.name);
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

/** True when a change names someone the directory does not list (a colleague added since it was fetched). */
export function namesUnknownUser(assignments: readonly Pick<Assignment, 'fromUserId' | 'toUserId' | 'byUserId'>[], directory: readonly Pick<DirectoryEntry, 'id'>[]): boolean {
  const known = new Set(directory.map((d) => d.id));
  return assignments.some((a) => [a.fromUserId, a.toUserId, a.byUserId].some((id) => id !== null && !known.has(id)));
}
