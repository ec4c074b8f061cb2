import type { Role } from '@rapport/shared';

export interface AccountState {
  id: string;
  role: Role;
  active: boolean;
}

export interface AccountChange {
  role?: Role | undefined;
  active?: boolean | undefined;
}

/**
 * Why an admin may not make this change to an account, or null. Nobody deactivates themselves (they would
 * lock themselves out mid-change), and the last active admin stays an active admin (or nobody could fix it).
 */
export function accountChangeRefusal(actorId: string, target: AccountState, change: AccountChange, activeAdminIds: readonly string[]): string | null {
  if (change.active === false && target.id === actorId) return 'You cannot deactivate your own account: ask another admin';
  const isActiveAdmin = target.role === 'admin' && target.active;
  const staysActiveAdmin = (change.role ?? target.role) === 'admin' && (change.active ?? target.active);
  if (isActiveAdmin && !staysActiveAdmin && !activeAdminIds.some((id) => id !== target.id)) {
    return 'This is the last active admin: make another user an admin first';
  }
  return null;
}

/** Whether the change ends the user's live sessions' view of the world: sockets must reconnect (or stay away). */
export function changesAccess(before: AccountState, change: AccountChange): boolean {
  return (change.role !== undefined && change.role !== before.role) || (change.active !== undefined && change.active !== before.active);
}
