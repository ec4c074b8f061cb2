import { useEffect } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { errorMessage } from '../../lib/error-message';
import { useRealtime } from '../../lib/realtime-context';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { Composer } from './composer';
import { markConversationRead } from './conversation-api';
import { ConversationFollowUps } from './conversation-follow-ups';
import { ConversationHeader } from './conversation-header';
import { MessageThread } from './message-thread';
import { useConversation } from './use-conversation';

interface ConversationViewProps {
  conversationId: string;
  customerPanelOpen: boolean;
  onToggleCustomerPanel: () => void;
}

export function ConversationView({ conversationId, customerPanelOpen, onToggleCustomerPanel }: ConversationViewProps) {
  const conversation = useConversation(conversationId);
  const { setViewing } = useRealtime();

  useEffect(() => {
    setViewing(conversationId);
    return () => setViewing(null);
  }, [conversationId, setViewing]);

  // Reading the open thread clears its unread badge; the live conversation.updated patches every list.
  const unread = conversation.data?.unreadCount ?? 0;
  useEffect(() => {
    if (unread > 0) markConversationRead(conversationId).catch(() => undefined);
  }, [conversationId, unread]);

  if (conversation.isPending) {
    return (
      <section className="column column-thread is-centered">
        <Spinner label="Loading conversation" />
      </section>
    );
  }
  if (conversation.isError) {
    const notFound = conversation.error instanceof ApiRequestError && (conversation.error.statusCode === 404 || conversation.error.statusCode === 403);
    return (
      <section className="column column-thread is-centered">
        {notFound ? (
          <EmptyState title="Conversation not available">It may have been merged, or it belongs to another team.</EmptyState>
        ) : (
          <InlineError onRetry={() => void conversation.refetch()}>Could not load the conversation: {errorMessage(conversation.error)}</InlineError>
        )}
      </section>
    );
  }

  return (
    <section className="column column-thread" aria-label={`Conversation with ${conversation.data.customer.name}`}>
      <ConversationHeader conversation={conversation.data} customerPanelOpen={customerPanelOpen} onToggleCustomerPanel={onToggleCustomerPanel} />
      <ConversationFollowUps conversationId={conversationId} />
      <MessageThread conversationId={conversationId} />
      <Composer conversation={conversation.data} />
    </section>
  );
}
