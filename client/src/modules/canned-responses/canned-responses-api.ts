import type { CannedResponse, CreateCannedResponseBody, UpdateCannedResponseBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchCannedResponses(query: { teamId?: string | undefined; q?: string | undefined }, signal?: AbortSignal): Promise<CannedResponse[]> {
  return apiRequest<CannedResponse[]>('/canned-responses', { query, signal });
}

export function createCannedResponse(body: CreateCannedResponseBody): Promise<CannedResponse> {
  return apiRequest<CannedResponse>('/canned-responses', { method: 'POST', body });
}

export function updateCannedResponse(id: string, body: UpdateCannedResponseBody): Promise<CannedResponse> {
  return apiRequest<CannedResponse>(`/canned-responses/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteCannedResponse(id: string): Promise<void> {
  return apiRequest<void>(`/canned-responses/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
