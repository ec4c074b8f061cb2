import type { CannedResponse, Team, User } from '@rapport/shared';

/** The teams a user may write canned replies for: every team for admins, their own for leads, none for the rest. */
export function cannedWritableTeams(user: Pick<User, 'id' | 'role'>, teams: readonly Team[]): Team[] {
  if (user.role === 'admin') return [...teams];
  if (user.role === 'lead') return teams.filter((t) => t.memberIds.includes(user.id));
  return [];
}

/** Mirrors the server: admins write any reply, leads those of their teams (one for every team is an admin's). */
export function canWriteCannedResponse(user: Pick<User, 'id' | 'role'>, reply: Pick<CannedResponse, 'teamId'>, teams: readonly Team[]): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'lead' || reply.teamId === null) return false;
  return cannedWritableTeams(user, teams).some((t) => t.id === reply.teamId);
}

export function canCreateCannedResponses(user: Pick<User, 'id' | 'role'>, teams: readonly Team[]): boolean {
  return user.role === 'admin' || cannedWritableTeams(user, teams).length > 0;
}
