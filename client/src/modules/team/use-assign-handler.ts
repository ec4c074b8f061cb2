import { useCallback } from 'react';
import type { Conversation } from '@rapport/shared';
import { useTeamAssign } from './use-team-assign';

/** A stable assign callback for memoised rows, and which conversation is on its way. */
export function useAssignHandler() {
  const assign = useTeamAssign();
  const { mutate } = assign;
  const onAssign = useCallback((conversation: Conversation, assigneeId: string) => mutate({ conversationId: conversation.id, assigneeId }), [mutate]);
  const pendingId = assign.isPending ? assign.variables?.conversationId : undefined;
  return { assign, onAssign, pendingId };
}
