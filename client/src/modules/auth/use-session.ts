import { useSyncExternalStore } from 'react';
import type { User } from '@rapport/shared';
import { clearSession, getSession, subscribeSession, updateSessionUser, type Session } from '../../lib/session-store';
import { fetchMe, logoutSession } from './auth-api';

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** For components that only render inside the signed-in app. */
export function useCurrentUser(): User {
  const session = useSession();
  if (!session) throw new Error('useCurrentUser used outside a signed-in session');
  return session.user;
}

/** Signs out here at once, and ends the session on the server without waiting for it. */
export function logout(): void {
  const refreshToken = getSession()?.refreshToken;
  if (refreshToken) void logoutSession(refreshToken).catch(() => undefined);
  clearSession();
}

/** Reads the signed-in user again (after the server closed the socket: a new role, or a deactivation, which ends the session). */
export async function reloadCurrentUser(): Promise<void> {
  const me = await fetchMe();
  updateSessionUser({ id: me.id, name: me.name, email: me.email, role: me.role });
}
