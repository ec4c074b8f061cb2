import { SUPERVISOR_ROLES, type User } from '@rapport/shared';

/** Leads, managers and admins see how channels are set up (agents get 403 from the API). */
export function canSeeChannels(user: Pick<User, 'role'>): boolean {
  return SUPERVISOR_ROLES.includes(user.role);
}

/** Only admins add, change or remove channels. */
export function canEditChannels(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}

/** Admins only: dead letters hold raw platform bodies, customers' words included. */
export function canSeeDeadLetters(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}
