import { useQuery } from '@tanstack/react-query';
import { fetchConversation } from './conversation-api';
import { conversationKeys } from './query-keys';

export function useConversation(conversationId: string) {
  return useQuery({
    queryKey: conversationKeys.detail(conversationId),
    queryFn: ({ signal }) => fetchConversation(conversationId, signal),
  });
}
