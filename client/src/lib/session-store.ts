import type { LoginResponse, User } from '@rapport/shared';

/**
 * The signed-in agent, persisted in localStorage so a reload keeps the session: a short-lived access token
 * and the refresh token that renews it (null for a session stored before refresh tokens existed).
 */
export interface Session {
  accessToken: string;
  refreshToken: string | null;
  user: User;
}

const STORAGE_KEY = 'rapport.session';

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedSession: Session | null = null;

function isUser(value: unknown): value is User {
  if (typeof value !== 'object' || value === null) return false;
  const u = value as Record<string, unknown>;
  return typeof u.id === 'string' && typeof u.name === 'string' && typeof u.email === 'string' && typeof u.role === 'string';
}

function parseSession(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { accessToken, refreshToken, user } = value as Record<string, unknown>;
    if (typeof accessToken !== 'string' || !isUser(user)) return null;
    return { accessToken, refreshToken: typeof refreshToken === 'string' ? refreshToken : null, user: { id: user.id, name: user.name, email: user.email, role: user.role } };
  } catch {
    return null;
  }
}

function readRaw(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Returns the same object until the stored value changes, as useSyncExternalStore requires. */
export function getSession(): Session | null {
  const raw = readRaw();
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSession = parseSession(raw);
  }
  return cachedSession;
}

export function getAccessToken(): string | null {
  return getSession()?.accessToken ?? null;
}

/** After a sign-in or a refresh (both answer a LoginResponse). */
export function saveSession(session: Session | LoginResponse): void {
  const stored: Session = { accessToken: session.accessToken, refreshToken: session.refreshToken, user: session.user };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
  notify();
}

/** Who the server says we are now (a new name or role), kept with the same tokens. */
export function updateSessionUser(user: User): void {
  const session = getSession();
  if (!session || session.user.id !== user.id) return;
  const same = session.user.name === user.name && session.user.email === user.email && session.user.role === user.role;
  if (!same) saveSession({ ...session, user: { id: user.id, name: user.name, email: user.email, role: user.role } });
}

export function clearSession(): void {
  if (readRaw() === null) return;
  localStorage.removeItem(STORAGE_KEY);
  notify();
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Logging out in one tab logs out every tab.
window.addEventListener('storage', (event) => {
  if (event.key === STORAGE_KEY || event.key === null) notify();
});
