import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, CustomerProfile, CustomerTier, CustomerUpdatedEvent } from '@rapport/shared';
import type { ConversationPages } from '../inbox/conversation-cache';
import { conversationListKeys } from '../inbox/query-keys';
import { applyConversationToProfile, applyCustomerTierToPages, withCustomerTier } from './customer-cache';
import { customerKeys } from './query-keys';

export function writeConversationToCustomer(queryClient: QueryClient, conversation: Conversation): void {
  queryClient.setQueryData<CustomerProfile>(customerKeys.detail(conversation.customerId), (profile) => applyConversationToProfile(profile, conversation));
}

/** No event reports a tier change: patch the cached lists and open conversations of this customer. */
export function writeCustomerTier(queryClient: QueryClient, customerId: string, tier: CustomerTier): void {
  for (const [key, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationListKeys.all })) {
    const next = applyCustomerTierToPages(data, customerId, tier);
    if (next !== data) queryClient.setQueryData(key, next);
  }
  for (const [key, data] of queryClient.getQueriesData<Conversation>({ queryKey: ['conversations', 'detail'] })) {
    if (data && data.customerId === customerId) queryClient.setQueryData(key, withCustomerTier(data, customerId, tier));
  }
}

/**
 * `fromId` was folded into `intoId`: open threads of its conversations show the merged customer at once.
 * Only their assignee hears those conversations change, so a colleague looking on learns it here; the
 * conversations are fetched again for the rest of what the merge changed. The merged-away profile is dropped.
 */
export function followMerge(queryClient: QueryClient, fromId: string, intoId: string): void {
  for (const [key, data] of queryClient.getQueriesData<Conversation>({ queryKey: ['conversations', 'detail'] })) {
    if (data?.customerId !== fromId) continue;
    queryClient.setQueryData(key, { ...data, customerId: intoId });
    void queryClient.invalidateQueries({ queryKey: key, exact: true });
  }
  queryClient.removeQueries({ queryKey: customerKeys.detail(fromId) });
  queryClient.removeQueries({ queryKey: customerKeys.suggestions(fromId) });
}

/** A profile changed on the server (edited, merged, split): fetch it again where it is shown. */
export function refreshCustomer(queryClient: QueryClient, event: Pick<CustomerUpdatedEvent, 'customerId' | 'mergedFromId'>): void {
  if (event.mergedFromId) followMerge(queryClient, event.mergedFromId, event.customerId);
  void queryClient.invalidateQueries({ queryKey: customerKeys.detail(event.customerId) });
  // Who may be whom changes with every merge and edit of an email or phone.
  void queryClient.invalidateQueries({ queryKey: customerKeys.suggestionsAll });
}
