import type { QueryClient } from '@tanstack/react-query';
import type { SlaBreachedEvent, SyncedEvent } from '@rapport/shared';
import { refreshAssignments, writeConversation, writeMessage } from '../modules/conversation/conversation-cache-writer';
import { writeConversationToCustomer } from '../modules/customer/customer-cache-writer';
import { writeConversationToTeamLists } from '../modules/team/team-conversations-writer';

/** What an event does besides patching the cache (notices): given by the realtime provider. */
export interface ServerEventEffects {
  onSlaBreached?: (event: SlaBreachedEvent) => void;
}

/** Applies one durable event (live or replayed by sync) to the query cache. */
export function applyServerEvent(queryClient: QueryClient, event: SyncedEvent, currentUserId: string, effects: ServerEventEffects = {}): void {
  switch (event.type) {
    case 'conversation.created':
    case 'conversation.updated':
      writeConversation(queryClient, event.payload.conversation, currentUserId);
      writeConversationToCustomer(queryClient, event.payload.conversation);
      writeConversationToTeamLists(queryClient, event.payload.conversation);
      return;
    case 'conversation.assigned':
      writeConversation(queryClient, event.payload.conversation, currentUserId);
      writeConversationToCustomer(queryClient, event.payload.conversation);
      writeConversationToTeamLists(queryClient, event.payload.conversation);
      refreshAssignments(queryClient, event.payload.conversation.id);
      return;
    case 'message.created':
    case 'message.updated':
      writeMessage(queryClient, event.payload.message);
      return;
    case 'sla.breached':
      // The conversation's new state (the breach, a reassignment) comes as conversation.updated.
      effects.onSlaBreached?.(event.payload);
      return;
  }
}
