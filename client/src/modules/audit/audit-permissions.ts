import type { User } from '@rapport/shared';

/** The audit log is for admins only (everyone else gets 403 from the API). */
export function canSeeAudit(user: Pick<User, 'role'>): boolean {
  return user.role === 'admin';
}
