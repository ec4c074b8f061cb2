import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { ConversationFilters } from './conversation-filters';
import { fetchConversations } from './conversations-api';
import { conversationListKeys } from './query-keys';

export function useConversationList(filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: conversationListKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchConversations(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Keep showing the previous list while a new search or tab loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}
