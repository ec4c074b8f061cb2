import { SUPERVISOR_ROLES, type User } from '@rapport/shared';

/** Leads, managers and admins watch the team; agents have their inbox. */
export function canSeeTeam(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}

/** Capacity, auto-assign and strategy are set by leads and admins; managers look but do not touch. */
export function canEditRouting(user: Pick<User, 'role'>): boolean {
  return user.role === 'lead' || user.role === 'admin';
}
