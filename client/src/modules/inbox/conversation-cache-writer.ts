import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, Message } from '@rapport/shared';
import { applyConversationEvent, applyMessageToList, type ConversationPages } from './conversation-cache';
import { isConversationFilters } from './conversation-filters';
import { conversationListKeys } from './query-keys';

/** Upserts a conversation into every cached inbox list, each judged by its own filters. */
export function writeConversationToLists(queryClient: QueryClient, conversation: Conversation, currentUserId: string): void {
  for (const [key, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationListKeys.all })) {
    const filters = key[2];
    if (!isConversationFilters(filters)) continue;
    const next = applyConversationEvent(data, conversation, filters, currentUserId);
    if (next !== data) queryClient.setQueryData(key, next);
  }
}

export function writeMessageToLists(queryClient: QueryClient, message: Message): void {
  for (const [key, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationListKeys.all })) {
    const filters = key[2];
    const next = applyMessageToList(data, message, isConversationFilters(filters) && filters.q.trim() !== '');
    if (next !== data) queryClient.setQueryData(key, next);
  }
}
