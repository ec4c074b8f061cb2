import type { CustomerProfile, UpdateCustomerBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchCustomer(id: string, signal?: AbortSignal): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}`, { signal });
}

export function updateCustomer(id: string, body: UpdateCustomerBody): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
