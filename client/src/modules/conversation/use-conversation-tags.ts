import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Conversation } from '@rapport/shared';
import { useCurrentUser } from '../auth/use-session';
import { updateConversationTags } from './conversation-api';
import { writeConversation } from './conversation-cache-writer';

/** Edits a conversation's tags; the answer goes into the thread header and every list at once. */
export function useConversationTags(conversationId: string) {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  return useMutation<Conversation, Error, string[]>({
    mutationFn: (tags) => updateConversationTags(conversationId, tags),
    onSuccess: (conversation) => writeConversation(queryClient, conversation, user.id),
  });
}
