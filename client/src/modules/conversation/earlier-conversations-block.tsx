import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CustomerProfile } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime } from '../../lib/format-time';
import { ChannelBadge } from '../../ui/channel-badge';
import { InlineError, Spinner } from '../../ui/feedback';
import { StatusPill } from '../../ui/status-pill';
import { useCustomer } from '../customer/use-customer';
import { fetchMessages } from './conversation-api';
import { earlierConversations } from './earlier-conversations';
import { MessageBubble } from './message-bubble';
import { useConversation } from './use-conversation';

/** How much of each past conversation is shown: enough to remember it, the rest is one click away in the panel. */
const PAST_MESSAGES = 50;

function PastThread({ conversation }: { conversation: CustomerProfile['conversations'][number] }) {
  // Its own key: a read-only page, never mixed with the live thread's cache.
  const messages = useQuery({
    queryKey: ['conversations', 'earlier', conversation.id],
    queryFn: ({ signal }) => fetchMessages(conversation.id, { limit: PAST_MESSAGES }, signal),
  });
  return (
    <section className="past-thread" data-testid="past-thread" aria-label={`Conversation of ${formatFullDateTime(conversation.lastMessageAt)}`}>
      <header className="past-thread-header">
        <ChannelBadge kind={conversation.channelKind} />
        <StatusPill status={conversation.status} />
        <time dateTime={conversation.lastMessageAt ?? undefined}>{formatFullDateTime(conversation.lastMessageAt)}</time>
      </header>
      {messages.isPending ? <Spinner label="Loading the earlier conversation" /> : null}
      {messages.isError ? <InlineError onRetry={() => void messages.refetch()}>Could not load it: {errorMessage(messages.error)}</InlineError> : null}
      {messages.data?.items.map((message, i) => (
        <MessageBubble key={message.id} message={message} showAuthor={messages.data.items[i - 1]?.authorId !== message.authorId || messages.data.items[i - 1]?.authorType !== message.authorType} />
      ))}
    </section>
  );
}

/** Above the thread, collapsed: the customer's earlier conversations on every channel, read-only, loaded when opened. */
export function EarlierConversationsBlock({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId).data;
  const profile = useCustomer(conversation?.customerId).data;
  const [open, setOpen] = useState(false);
  if (!conversation || !profile) return null;
  const earlier = earlierConversations(profile.conversations, conversation);
  if (earlier.length === 0) return null;
  return (
    <div className="earlier-conversations" data-testid="earlier-conversations">
      <button type="button" className="button button-quiet button-small" aria-expanded={open} data-testid="earlier-conversations-toggle" onClick={() => setOpen(!open)}>
        {open ? 'Hide earlier conversations' : `Earlier conversations (${earlier.length})`}
      </button>
      {open ? earlier.map((c) => <PastThread key={c.id} conversation={c} />) : null}
    </div>
  );
}
