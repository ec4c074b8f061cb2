import type { DirectoryEntry, LoginBody, LoginResponse, User } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function login(body: LoginBody): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body, anonymous: true });
}

/** Ends the session on the server: its refresh token stops working. */
export function logoutSession(refreshToken: string): Promise<void> {
  return apiRequest<void>('/auth/logout', { method: 'POST', body: { refreshToken }, anonymous: true });
}

/** Who the server says we are now (an admin may have changed the role). */
export function fetchMe(): Promise<User & { teamIds: string[] }> {
  return apiRequest<User & { teamIds: string[] }>('/auth/me');
}

/** Names of every colleague, for every role (the agents list with load is for supervisors only). */
export function fetchDirectory(signal?: AbortSignal): Promise<DirectoryEntry[]> {
  return apiRequest<DirectoryEntry[]>('/auth/directory', { signal });
}
