import type { QueryClient } from '@tanstack/react-query';
import type { Conversation, SlaBreachedEvent } from '@rapport/shared';
import { fetchConversation } from '../conversation/conversation-api';
import { conversationKeys } from '../conversation/query-keys';
import type { ConversationPages } from '../inbox/conversation-cache';
import { conversationListKeys } from '../inbox/query-keys';
import { breachNoticeText, type BreachNoticeStore } from './breach-notices';

/** The conversation as already cached (open thread or any inbox list), so most notices need no request. */
function cachedConversation(queryClient: QueryClient, id: string): Conversation | undefined {
  const detail = queryClient.getQueryData<Conversation>(conversationKeys.detail(id));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<ConversationPages>({ queryKey: conversationListKeys.all })) {
    const found = data?.pages.flatMap((p) => p.items).find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

async function customerNameOf(queryClient: QueryClient, id: string): Promise<string | null> {
  const cached = cachedConversation(queryClient, id);
  if (cached) return cached.customer.name;
  try {
    const fetched = await queryClient.fetchQuery({ queryKey: conversationKeys.detail(id), queryFn: ({ signal }) => fetchConversation(id, signal) });
    return fetched.customer.name;
  } catch {
    // The notice still says which clock broke; the name is a courtesy.
    return null;
  }
}

/** Shows a notice for one breach, naming the customer. */
export function announceBreach(queryClient: QueryClient, store: BreachNoticeStore, event: SlaBreachedEvent): void {
  void customerNameOf(queryClient, event.conversationId).then((name) => {
    store.push({ id: event.seq, conversationId: event.conversationId, text: breachNoticeText(event, name) });
  });
}
