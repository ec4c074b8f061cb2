import { SUPERVISOR_ROLES, type User } from '@rapport/shared';

/** Leads, managers and admins read the policies (agents get 403, so they are never asked). Who writes which: team-permissions. */
export function canReadSlaPolicies(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}
