import { SUPERVISOR_ROLES, type User } from '@rapport/shared';

/** Leads (their teams), managers and admins read the reports; agents get 403 from the API. */
export function canSeeReports(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}
