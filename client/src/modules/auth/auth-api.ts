import type { DirectoryEntry, LoginBody, LoginResponse } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function login(body: LoginBody): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body, anonymous: true });
}

/** Names of every colleague, for every role (the agents list with load is for supervisors only). */
export function fetchDirectory(signal?: AbortSignal): Promise<DirectoryEntry[]> {
  return apiRequest<DirectoryEntry[]>('/auth/directory', { signal });
}
