import { useSyncExternalStore } from 'react';
import type { User } from '@rapport/shared';
import { clearSession, getSession, subscribeSession, type Session } from '../../lib/session-store';

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** For components that only render inside the signed-in app. */
export function useCurrentUser(): User {
  const session = useSession();
  if (!session) throw new Error('useCurrentUser used outside a signed-in session');
  return session.user;
}

export function logout(): void {
  clearSession();
}
