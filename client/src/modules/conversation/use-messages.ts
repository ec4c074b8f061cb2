import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchMessages } from './conversation-api';
import { MESSAGE_PAGE_SIZE, isLocalMessage, mergeLatestPage, prependOlder, type MessageThread } from './messages-cache';
import { conversationKeys } from './query-keys';

export function useMessages(conversationId: string) {
  const queryClient = useQueryClient();
  const queryKey = conversationKeys.messages(conversationId);

  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }) => {
      const page = await fetchMessages(conversationId, { limit: MESSAGE_PAGE_SIZE }, signal);
      // A refetch brings only the newest page; keep older pages the agent already scrolled to.
      return mergeLatestPage(queryClient.getQueryData<MessageThread>(queryKey), page.items, MESSAGE_PAGE_SIZE);
    },
  });

  const older = useMutation({
    mutationFn: (before: string) => fetchMessages(conversationId, { before, limit: MESSAGE_PAGE_SIZE }),
    onSuccess: (page) => {
      queryClient.setQueryData<MessageThread>(queryKey, (thread) => (thread ? prependOlder(thread, page.items, MESSAGE_PAGE_SIZE) : thread));
    },
  });

  const loadOlder = () => {
    const oldest = query.data?.items.find((m) => !isLocalMessage(m));
    if (oldest && !older.isPending) older.mutate(oldest.id);
  };

  return { query, loadOlder, loadingOlder: older.isPending, loadOlderError: older.error };
}
