import type { CustomerExport, CustomerMatch, CustomerProfile, EraseResult, MergeSuggestion, UpdateCustomerBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchCustomer(id: string, signal?: AbortSignal): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}`, { signal });
}

export function updateCustomer(id: string, body: UpdateCustomerBody): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

/** Folds `otherId` into `id`; answers the merged profile. */
export function mergeCustomers(id: string, otherId: string): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}/merge`, { method: 'POST', body: { customerId: otherId } });
}

/** Takes one identity off `id`; answers the profile it went to. */
export function splitCustomer(id: string, identityId: string): Promise<CustomerProfile> {
  return apiRequest<CustomerProfile>(`/customers/${encodeURIComponent(id)}/split`, { method: 'POST', body: { identityId } });
}

export function fetchMergeSuggestions(id: string, signal?: AbortSignal): Promise<MergeSuggestion[]> {
  return apiRequest<MergeSuggestion[]>(`/customers/${encodeURIComponent(id)}/merge-suggestions`, { signal });
}

export function searchCustomers(q: string, signal?: AbortSignal): Promise<{ items: CustomerMatch[] }> {
  return apiRequest<{ items: CustomerMatch[] }>('/customers', { query: { q, limit: 10 }, signal });
}

/** Everything held about the customer, as one JSON document (the server records who asked). */
export function fetchCustomerExport(id: string): Promise<CustomerExport> {
  return apiRequest<CustomerExport>(`/customers/${encodeURIComponent(id)}/export`);
}

/** Removes their names, handles, texts and attachments everywhere; the figures stay. */
export function eraseCustomer(id: string): Promise<EraseResult> {
  return apiRequest<EraseResult>(`/customers/${encodeURIComponent(id)}/erase`, { method: 'POST', body: { confirm: true } });
}
