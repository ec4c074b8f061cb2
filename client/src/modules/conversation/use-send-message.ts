import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Message } from '@rapport/shared';
import { ApiRequestError } from '../../lib/api-client';
import { useCurrentUser } from '../auth/use-session';
import { writeMessageToLists } from '../inbox/conversation-cache-writer';
import { sendMessage } from './conversation-api';
import { restoreDraft } from './draft-store';
import { applySendResult, createOptimisticMessage, localMessageId, removeMessage, upsertMessage, type MessageThread } from './messages-cache';
import { conversationKeys } from './query-keys';

export interface SendInput {
  text: string;
  isPrivate: boolean;
  clientId: string;
  lastSeenMessageId: string | undefined;
}

/** 409: the customer wrote something the agent has not seen yet. */
export function isStaleThreadError(error: unknown): boolean {
  return error instanceof ApiRequestError && error.statusCode === 409;
}

export function useSendMessage(conversationId: string) {
  const queryClient = useQueryClient();
  const user = useCurrentUser();
  const key = conversationKeys.messages(conversationId);

  return useMutation<Message, Error, SendInput>({
    mutationFn: (input) =>
      sendMessage(conversationId, {
        text: input.text,
        private: input.isPrivate,
        clientId: input.clientId,
        lastSeenMessageId: input.lastSeenMessageId,
      }),
    onMutate: (input) => {
      const optimistic = createOptimisticMessage({
        conversationId,
        text: input.text,
        isPrivate: input.isPrivate,
        clientId: input.clientId,
        author: user,
        now: new Date().toISOString(),
      });
      queryClient.setQueryData<MessageThread>(key, (thread) => (thread ? upsertMessage(thread, optimistic) : thread));
    },
    onSuccess: (message) => {
      queryClient.setQueryData<MessageThread>(key, (thread) => (thread ? applySendResult(thread, message) : thread));
      writeMessageToLists(queryClient, message);
    },
    onError: (error, input) => {
      queryClient.setQueryData<MessageThread>(key, (thread) => (thread ? removeMessage(thread, localMessageId(input.clientId)) : thread));
      restoreDraft(conversationId, input.text);
      if (isStaleThreadError(error)) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
