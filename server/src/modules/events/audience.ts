import { seesAllTeams, type AuthUser } from '../auth/auth-user.js';
/** Who hears an event besides managers and admins, who hear everything. */
export interface Audience {
  userIds: string[];
  /** Teams whose every member hears it (an unassigned conversation is its team's business). */
  teamIds: string[];
  /** Teams whose leads hear it: a lead follows all of their teams' conversations, assigned or not. */
  leadTeamIds: string[];
}

export const rooms = {
  /** Managers and admins. */
  allTeams: 'all-teams',
  teamLeads: (id: string) => `leads:${id}`,
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
  return { userIds: [...userIds], teamIds, leadTeamIds: conversation.teamId ? [conversation.teamId] : [] };
}

export function audienceRooms(audience: Audience): string[] {
  return [rooms.allTeams, ...audience.userIds.map(rooms.user), ...audience.teamIds.map(rooms.team), ...audience.leadTeamIds.map(rooms.teamLeads)];
}

/** The rooms a user's sockets join: their own, their teams', as a lead their teams' leads', as a manager or admin all. */
export function roomsOf(user: Pick<AuthUser, 'id' | 'role' | 'teamIds'>): string[] {
  return [rooms.user(user.id), ...user.teamIds.map(rooms.team), ...(user.role === 'lead' ? user.teamIds.map(rooms.teamLeads) : []), ...(seesAllTeams(user) ? [rooms.allTeams] : [])];
}
