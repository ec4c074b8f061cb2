import { SUPERVISOR_ROLES, type User } from '@rapport/shared';

/** VIP or standard is a supervisor's call (agents get 403); notes and language are for everyone. */
export function canChangeTier(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}
