import type { LoginBody, LoginResponse } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function login(body: LoginBody): Promise<LoginResponse> {
  return apiRequest<LoginResponse>('/auth/login', { method: 'POST', body, anonymous: true });
}
