
/** Who hears an event besides supervisors (leads, managers, admins), who hear everything. */
export interface Audience {
  userIds: string[];
  teamIds: string[];
}

export const rooms = {
  supervisors: 'supervisors',
  user: (id: string) => `user:${id}`,
  team: (id: string) => `team:${id}`,
  conversation: (id: string) => `conversation:${id}`,
};

/**
 * An assigned conversation is its assignee's business; an unassigned one is its team's.
 * `alsoUserIds` adds people who must hear this one change (e.g. the previous assignee).
 */
export function conversationAudience(
  conversation: { assigneeId: string | null; teamId: string | null },
  alsoUserIds: Array<string | null> = [],
  alsoTeam = false,
): Audience {
  const userIds = new Set<string>();
  if (conversation.assigneeId) userIds.add(conversation.assigneeId);
  for (const id of alsoUserIds) if (id) userIds.add(id);
  const teamIds = conversation.teamId && (!conversation.assigneeId || alsoTeam) ? [conversation.teamId] : [];
  return { userIds: [...userIds], teamIds };
}

export function audienceRooms(audience: Audience): string[] {
  return [rooms.supervisors, ...audience.userIds.map(rooms.user), ...audience.teamIds.map(rooms.team)];
}
