import { SUPERVISOR_ROLES, type Team, type User } from '@rapport/shared';

/** Leads, managers and admins watch the team; agents have their inbox. */
export function canSeeTeam(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}

/** Capacity, auto-assign and strategy are set by leads and admins; managers look but do not touch. */
export function canEditRouting(user: Pick<User, 'role'>): boolean {
  return user.role === 'lead' || user.role === 'admin';
}

/** The teams a user may write team-scoped settings (SLA policies, canned replies) for: every team for admins, their own for leads, none for the rest. */
export function writableTeams(user: Pick<User, 'id' | 'role'>, teams: readonly Team[]): Team[] {
  if (user.role === 'admin') return [...teams];
  if (user.role === 'lead') return teams.filter((t) => t.memberIds.includes(user.id));
  return [];
}

/** Mirrors the server: admins write any team-scoped setting, leads only those of their teams (one for every team, `teamId` null, is an admin's). */
export function canWriteTeamScoped(user: Pick<User, 'id' | 'role'>, item: { teamId: string | null }, teams: readonly Team[]): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'lead' || item.teamId === null) return false;
  return writableTeams(user, teams).some((t) => t.id === item.teamId);
}

/** Whether a team-scoped settings section offers "New …" at all. */
export function canCreateTeamScoped(user: Pick<User, 'id' | 'role'>, teams: readonly Team[]): boolean {
  return user.role === 'admin' || writableTeams(user, teams).length > 0;
}
