import type { CreateSlaPolicyBody, SlaPolicy, UpdateSlaPolicyBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchSlaPolicies(signal?: AbortSignal): Promise<SlaPolicy[]> {
  return apiRequest<SlaPolicy[]>('/sla-policies', { signal });
}

export function createSlaPolicy(body: CreateSlaPolicyBody): Promise<SlaPolicy> {
  return apiRequest<SlaPolicy>('/sla-policies', { method: 'POST', body });
}

export function updateSlaPolicy(id: string, body: UpdateSlaPolicyBody): Promise<SlaPolicy> {
  return apiRequest<SlaPolicy>(`/sla-policies/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function deleteSlaPolicy(id: string): Promise<void> {
  return apiRequest<void>(`/sla-policies/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
