import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, FollowUpDueEvent } from '@rapport/shared';
import { fetchConversation } from '../conversation/conversation-api';
import { conversationKeys } from '../conversation/query-keys';
import type { BreachNoticeStore } from '../sla/breach-notices';
import { followUpNoticeText } from './follow-up-notices';

/** Shows a notice for a due follow-up, naming the customer (its conversation.updated came just before). */
export function announceFollowUp(queryClient: QueryClient, store: BreachNoticeStore, event: FollowUpDueEvent): void {
  const cached = queryClient.getQueryData<Conversation>(conversationKeys.detail(event.conversationId));
  const name = cached
    ? Promise.resolve(cached.customer.name)
    : queryClient
        .fetchQuery({ queryKey: conversationKeys.detail(event.conversationId), queryFn: ({ signal }) => fetchConversation(event.conversationId, signal) })
        .then((c) => c.customer.name)
        // The note alone still says what to do.
        .catch(() => null);
  void name.then((customerName) => store.push({ id: event.seq, conversationId: event.conversationId, text: followUpNoticeText(event, customerName) }));
}
