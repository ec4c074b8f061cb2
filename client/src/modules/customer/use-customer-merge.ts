import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CustomerProfile } from '@rapport/shared';
import { fetchMergeSuggestions, mergeCustomers, searchCustomers, splitCustomer } from './customer-api';
import { followMerge, refreshCustomer } from './customer-cache-writer';
import { customerKeys } from './query-keys';

/** Customers who may be this one on another channel; a person decides. */
export function useMergeSuggestions(customerId: string) {
  return useQuery({
    queryKey: customerKeys.suggestions(customerId),
    queryFn: ({ signal }) => fetchMergeSuggestions(customerId, signal),
  });
}

/** Customers matching a typed name, handle, email or phone (nothing is asked for fewer than 2 characters). */
export function useCustomerSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: customerKeys.search(query),
    queryFn: query.length < 2 ? skipToken : ({ signal }) => searchCustomers(query, signal),
    staleTime: 10_000,
  });
}

/** Folds another customer into this one; the merged profile replaces this one's at once. */
export function useMergeCustomers(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation<CustomerProfile, Error, string>({
    mutationFn: (otherId) => mergeCustomers(customerId, otherId),
    onSuccess: (merged, otherId) => {
      queryClient.setQueryData(customerKeys.detail(customerId), merged);
      followMerge(queryClient, otherId, customerId);
      void queryClient.invalidateQueries({ queryKey: customerKeys.suggestionsAll });
    },
  });
}

/** Takes one identity (and its conversations) off this customer. */
export function useSplitCustomer(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation<CustomerProfile, Error, string>({
    mutationFn: (identityId) => splitCustomer(customerId, identityId),
    onSuccess: (splitOff) => {
      queryClient.setQueryData(customerKeys.detail(splitOff.id), splitOff);
      refreshCustomer(queryClient, { customerId });
    },
  });
}
