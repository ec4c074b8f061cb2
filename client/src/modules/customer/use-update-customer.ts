import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CustomerProfile, UpdateCustomerBody } from '@rapport/shared';
import { updateCustomer } from './customer-api';
import { writeCustomerTier } from './customer-cache-writer';
import { copyEditedFields, patchProfile } from './customer-edits';
import { customerKeys } from './query-keys';

/** Shows the change at once; puts back the fields it touched if the server refuses. */
export function useUpdateCustomer(customerId: string) {
  const queryClient = useQueryClient();
  const key = customerKeys.detail(customerId);
  return useMutation<CustomerProfile, Error, UpdateCustomerBody, { previous: CustomerProfile | undefined }>({
    mutationKey: customerKeys.edits(customerId),
    mutationFn: (body) => updateCustomer(customerId, body),
    onMutate: async (body) => {
      // A refetch landing now would overwrite the optimistic value with the old one.
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<CustomerProfile>(key);
      queryClient.setQueryData<CustomerProfile>(key, (profile) => (profile ? patchProfile(profile, body) : profile));
      return { previous };
    },
    onError: (_error, body, context) => {
      const previous = context?.previous;
      if (previous) queryClient.setQueryData<CustomerProfile>(key, (profile) => (profile ? copyEditedFields(profile, previous, body) : previous));
    },
    onSuccess: (saved, body) => {
      // Another edit of this customer still on its way keeps its optimistic value until it lands.
      const othersPending = queryClient.isMutating({ mutationKey: customerKeys.edits(customerId) }) > 1;
      queryClient.setQueryData<CustomerProfile>(key, (profile) => (profile && othersPending ? copyEditedFields(profile, saved, body) : saved));
      if (body.tier !== undefined) writeCustomerTier(queryClient, customerId, saved.tier);
    },
  });
}
