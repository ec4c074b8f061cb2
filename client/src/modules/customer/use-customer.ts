import { skipToken, useQuery } from '@tanstack/react-query';
import { ApiRequestError } from '../../lib/api-client';
import { fetchCustomer } from './customer-api';
import { customerKeys } from './query-keys';

function useCustomerQuery(customerId: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(customerId ?? ''),
    queryFn: customerId === undefined ? skipToken : ({ signal }) => fetchCustomer(customerId, signal),
  });
}

/** The customer a 404 names as the one this customer was merged into. */
function mergedInto(error: Error | null): string | undefined {
  return error instanceof ApiRequestError ? (error.mergedIntoId ?? undefined) : undefined;
}

/**
 * Waits (skipToken) until the conversation has told us who the customer is. A customer merged away
 * (its conversation not told yet) shows the customer it went to.
 */
export function useCustomer(customerId: string | undefined) {
  const asked = useCustomerQuery(customerId);
  const mergedIntoId = mergedInto(asked.error);
  const merged = useCustomerQuery(mergedIntoId);
  return mergedIntoId === undefined ? asked : merged;
}
