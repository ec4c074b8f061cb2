import type { QueryClient } from '@tanstack/react-query';
import type { SyncedEvent } from '@rapport/shared';
import { refreshAssignments, writeConversation, writeMessage } from '../modules/conversation/conversation-cache-writer';
import { writeConversationToCustomer } from '../modules/customer/customer-cache-writer';

/** Applies one durable event (live or replayed by sync) to the query cache. */
export function applyServerEvent(queryClient: QueryClient, event: SyncedEvent, currentUserId: string): void {
  switch (event.type) {
    case 'conversation.created':
    case 'conversation.updated':
      writeConversation(queryClient, event.payload.conversation, currentUserId);
      writeConversationToCustomer(queryClient, event.payload.conversation);
      return;
    case 'conversation.assigned':
      writeConversation(queryClient, event.payload.conversation, currentUserId);
      writeConversationToCustomer(queryClient, event.payload.conversation);
      refreshAssignments(queryClient, event.payload.conversation.id);
      return;
    case 'message.created':
    case 'message.updated':
      writeMessage(queryClient, event.payload.message);
      return;
  }
}
