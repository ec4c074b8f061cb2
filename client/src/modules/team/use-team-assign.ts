import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCurrentUser } from '../auth/use-session';
import { assignConversation, isConversation } from '../conversation/conversation-api';
import { refreshAssignments, writeConversation } from '../conversation/conversation-cache-writer';
import { teamKeys } from './query-keys';
import { writeConversationToTeamLists } from './team-conversations-writer';

export interface TeamAssignment {
  conversationId: string;
  assigneeId: string;
}

/** Hands a conversation to an agent from the Team view. The live conversation.assigned does the same; the answer covers a dropped socket. */
export function useTeamAssign() {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  return useMutation({
    mutationFn: ({ conversationId, assigneeId }: TeamAssignment) => assignConversation(conversationId, { assigneeId }),
    onSuccess: (answer, { conversationId }) => {
      if (isConversation(answer)) {
        writeConversation(queryClient, answer, user.id);
        writeConversationToTeamLists(queryClient, answer);
      } else {
        void queryClient.invalidateQueries({ queryKey: teamKeys.conversationsAll });
      }
      refreshAssignments(queryClient, conversationId);
      // Loads and oldest waits moved.
      void queryClient.invalidateQueries({ queryKey: teamKeys.agents });
    },
  });
}
