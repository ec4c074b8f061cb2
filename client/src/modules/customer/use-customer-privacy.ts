import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EraseResult } from '@rapport/shared';
import { saveFile } from '../reports/save-file';
import { conversationKeys } from '../conversation/query-keys';
import { eraseCustomer, fetchCustomerExport } from './customer-api';
import { refreshCustomer } from './customer-cache-writer';
import { exportFileName } from './erase-confirmation';

/** Downloads everything held about the customer as a JSON file named by their id. */
export function useExportCustomer(customerId: string) {
  return useMutation<void, Error>({
    mutationFn: async () => {
      const document = await fetchCustomerExport(customerId);
      saveFile(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }), exportFileName(customerId));
    },
  });
}

/**
 * Erases the customer. Other inboxes hear the new name through events; here the profile and the threads of
 * their conversations are fetched again at once (no event carries every rewritten message).
 */
export function useEraseCustomer(customerId: string, conversationIds: string[]) {
  const queryClient = useQueryClient();
  return useMutation<EraseResult, Error>({
    mutationFn: () => eraseCustomer(customerId),
    onSuccess: () => {
      refreshCustomer(queryClient, { customerId });
      for (const id of conversationIds) {
        void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(id) });
        void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(id) });
      }
    },
  });
}
