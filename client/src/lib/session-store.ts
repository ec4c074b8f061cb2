import type { LoginResponse, User } from '@rapport/shared';

/** The signed-in agent, persisted in localStorage so a reload keeps the session. */
export type Session = LoginResponse;

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
    const { accessToken, user } = value as Record<string, unknown>;
    if (typeof accessToken !== 'string' || !isUser(user)) return null;
    return { accessToken, user };
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

export function saveSession(session: Session): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  notify();
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
