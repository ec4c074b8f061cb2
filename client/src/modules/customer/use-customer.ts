import { skipToken, useQuery } from '@tanstack/react-query';
import { fetchCustomer } from './customer-api';
import { customerKeys } from './query-keys';

/** Waits (skipToken) until the conversation has told us who the customer is. */
export function useCustomer(customerId: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(customerId ?? ''),
    queryFn: customerId === undefined ? skipToken : ({ signal }) => fetchCustomer(customerId, signal),
  });
}
