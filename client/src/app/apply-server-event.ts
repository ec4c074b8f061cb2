import type { QueryClient } from '@tanstack/react-query';
import type { ConversationAssignedEvent, SlaBreachedEvent, SyncedEvent } from '@rapport/shared';
import { refreshAssignments, writeConversation, writeMessage } from '../modules/conversation/conversation-cache-writer';
import { refreshCustomer, writeConversationToCustomer } from '../modules/customer/customer-cache-writer';
import { writeConversationToTeamLists } from '../modules/team/team-conversations-writer';
import type { FollowUpDueEvent } from '@rapport/shared';
import { followUpKeys } from '../modules/follow-ups/query-keys';

/** What an event does besides patching the cache (notices): given by the realtime provider. */
export interface ServerEventEffects {
  onSlaBreached?: (event: SlaBreachedEvent) => void;
  onFollowUpDue?: (event: FollowUpDueEvent) => void;
  onAssigned?: (event: ConversationAssignedEvent) => void;
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
      effects.onAssigned?.(event.payload);
      return;
    case 'message.created':
    case 'message.updated':
      writeMessage(queryClient, event.payload.message);
      return;
    case 'sla.breached':
      // The conversation's new state (the breach, a reassignment) comes as conversation.updated.
      effects.onSlaBreached?.(event.payload);
      return;
    case 'customer.updated':
      // Edited, merged or split elsewhere: open panels fetch the profile again (moved conversations came just before).
      refreshCustomer(queryClient, event.payload);
      return;
    case 'followup.due':
      // The conversation reopened and moved to the top by the conversation.updated just before this.
      void queryClient.invalidateQueries({ queryKey: followUpKeys.all });
      effects.onFollowUpDue?.(event.payload);
      return;
  }
}
