import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationStatus } from '@rapport/shared';
import { useCurrentUser } from '../auth/use-session';
import { conversationListKeys } from '../inbox/query-keys';
import { assignConversation, isConversation, setConversationStatus } from './conversation-api';
import { refreshAssignments, writeConversation } from './conversation-cache-writer';
import { conversationKeys } from './query-keys';

export interface StatusChange {
  status: ConversationStatus;
  snoozeUntil?: string;
}

/** Status changes and assignment. The live event also updates the cache; the answer covers a dropped socket. */
export function useConversationActions(conversationId: string) {
  const queryClient = useQueryClient();
  const user = useCurrentUser();

  const applyAnswer = (answer: unknown) => {
    if (isConversation(answer)) {
      writeConversation(queryClient, answer, user.id);
      return;
    }
    void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    void queryClient.invalidateQueries({ queryKey: conversationListKeys.all });
  };

  const status = useMutation({
    mutationFn: (change: StatusChange) => setConversationStatus(conversationId, change),
    onSuccess: applyAnswer,
  });

  const assign = useMutation({
    mutationFn: (assigneeId: string | null) => assignConversation(conversationId, { assigneeId }),
    onSuccess: (answer) => {
      applyAnswer(answer);
      // The live conversation.assigned does the same; this covers a dropped socket.
      refreshAssignments(queryClient, conversationId);
    },
  });

  return { status, assign, user };
}
