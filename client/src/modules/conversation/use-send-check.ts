import { useQuery } from '@tanstack/react-query';
import type { Conversation, SendCheck } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';
import { useCustomer } from '../customer/use-customer';

/** Contact hours start and end while the thread is open. */
const RECHECK_MS = 60_000;

export function fetchSendCheck(conversationId: string, signal?: AbortSignal): Promise<SendCheck> {
  return apiRequest<SendCheck>(`/conversations/${encodeURIComponent(conversationId)}/send-check`, { signal });
}

/**
 * Whether a public reply may go out now (doNotContact) and what to mind (contact hours), as the server
 * judges it. Keyed by the customer's contact fields too, so an edited profile asks again at once.
 */
export function useSendCheck(conversation: Pick<Conversation, 'id' | 'customerId'>) {
  const customer = useCustomer(conversation.customerId).data;
  const contact = customer ? [customer.doNotContact, customer.timezone, JSON.stringify(customer.contactHours)] : [];
  return useQuery({
    queryKey: ['conversations', 'send-check', conversation.id, ...contact],
    queryFn: ({ signal }) => fetchSendCheck(conversation.id, signal),
    // While the customer loads (or is edited) the key changes: keep this conversation's last answer meanwhile,
    // so a refused contact never flickers back to a public reply.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === conversation.id ? previous : undefined),
    refetchInterval: RECHECK_MS,
    staleTime: RECHECK_MS / 2,
  });
}
