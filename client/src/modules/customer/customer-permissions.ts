import { SUPERVISOR_ROLES, type User } from '@rapport/shared';

/** VIP or standard is a supervisor's call (agents get 403); notes and language are for everyone. */
export function canChangeTier(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}

/** Exporting or erasing everything held about a customer is for admins and managers (others get 403). */
export function canManageCustomerData(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'manager';
}
