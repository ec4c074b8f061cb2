import type { CreateUserBody, UpdateUserBody, UserAccount } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchUsers(signal?: AbortSignal): Promise<UserAccount[]> {
  return apiRequest<UserAccount[]>('/users', { signal });
}

export function createUser(body: CreateUserBody): Promise<UserAccount> {
  return apiRequest<UserAccount>('/users', { method: 'POST', body });
}

export function updateUser(id: string, body: UpdateUserBody): Promise<UserAccount> {
  return apiRequest<UserAccount>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
