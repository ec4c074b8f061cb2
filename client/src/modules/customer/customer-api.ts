import type { CustomerProfile } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchCustomer(id: string, signal?: AbortSignal): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}`, { signal });
}
