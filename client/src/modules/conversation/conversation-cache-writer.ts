import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, Message } from '@rapport/shared';
import { isOlderSnapshot } from '../inbox/conversation-cache';
import { writeConversationToLists, writeMessageToLists } from '../inbox/conversation-cache-writer';
import { upsertMessage, type MessageThread } from './messages-cache';
import { conversationKeys } from './query-keys';

/** A new version of a conversation: the open header and every inbox list. */
export function writeConversation(queryClient: QueryClient, conversation: Conversation, currentUserId: string): void {
  queryClient.setQueryData<Conversation>(conversationKeys.detail(conversation.id), (cached) => (isOlderSnapshot(conversation, cached) ? cached : conversation));
  writeConversationToLists(queryClient, conversation, currentUserId);
}

/** A new or changed message: its thread if loaded, and the list rows' preview and order. */
export function writeMessage(queryClient: QueryClient, message: Message): void {
  queryClient.setQueryData<MessageThread>(conversationKeys.messages(message.conversationId), (thread) => (thread ? upsertMessage(thread, message) : thread));
  writeMessageToLists(queryClient, message);
}

/** A change of owner adds a line to the thread's history: fetch it again (only if that thread is cached). */
export function refreshAssignments(queryClient: QueryClient, conversationId: string): void {
  void queryClient.invalidateQueries({ queryKey: conversationKeys.assignments(conversationId) });
}
