import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, CustomerProfile } from '@rapport/shared';
import { applyConversationToProfile } from './customer-cache';
import { customerKeys } from './query-keys';

export function writeConversationToCustomer(queryClient: QueryClient, conversation: Conversation): void {
  queryClient.setQueryData<CustomerProfile>(customerKeys.detail(conversation.customerId), (profile) => applyConversationToProfile(profile, conversation));
}
