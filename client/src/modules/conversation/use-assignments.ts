import { useQuery } from '@tanstack/react-query';
import { fetchAssignments } from './conversation-api';
import { conversationKeys } from './query-keys';

/** The thread's assignment history; refetched when a conversation.assigned event names this conversation. */
export function useAssignments(conversationId: string) {
  return useQuery({
    queryKey: conversationKeys.assignments(conversationId),
    queryFn: async ({ signal }) => (await fetchAssignments(conversationId, signal)).items,
  });
}
