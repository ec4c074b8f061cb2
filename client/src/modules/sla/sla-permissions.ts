import { SUPERVISOR_ROLES, type SlaPolicy, type Team, type User } from '@rapport/shared';

/** Leads, managers and admins read the policies (agents get 403, so they are never asked). */
export function canReadSlaPolicies(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}

/** The teams a user may set policies for: every team for admins, their own for leads, none for the rest. */
export function writableTeams(user: Pick<User, 'id' | 'role'>, teams: readonly Team[]): Team[] {
  if (user.role === 'admin') return [...teams];
  if (user.role === 'lead') return teams.filter((t) => t.memberIds.includes(user.id));
  return [];
}

/** Mirrors the server: admins write any policy, leads only those of their teams (a policy for every team is an admin's). */
export function canWritePolicy(user: Pick<User, 'id' | 'role'>, policy: Pick<SlaPolicy, 'teamId'>, teams: readonly Team[]): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'lead' || policy.teamId === null) return false;
  return writableTeams(user, teams).some((t) => t.id === policy.teamId);
}

/** Whether the policies section offers "New policy" at all. */
export function canCreatePolicies(user: Pick<User, 'id' | 'role'>, teams: readonly Team[]): boolean {
  return user.role === 'admin' || writableTeams(user, teams).length > 0;
}
