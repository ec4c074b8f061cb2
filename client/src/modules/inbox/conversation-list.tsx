import type { Conversation } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { useNow } from '../../lib/use-now';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { conversationStatusLabel } from '../../ui/status-pill';
import { ConversationListItem } from './conversation-list-item';
import type { ConversationFilters } from './conversation-filters';
import { useConversationList } from './use-conversation-list';

interface ConversationListProps {
  filters: ConversationFilters;
  selectedId: string | null;
  currentUserId: string;
  onSelect: (id: string) => void;
  /** Supervisors tick conversations to assign several at once. */
  checkedIds?: ReadonlySet<string>;
  onToggleChecked?: (id: string) => void;
}

const NO_ITEMS: Conversation[] = [];

function emptyTitle(filters: ConversationFilters): string {
  if (filters.q.trim()) return 'No matches';
  const status = conversationStatusLabel(filters.status).toLowerCase();
  if (filters.assignee === 'mine') return `No ${status} conversations assigned to you`;
  if (filters.assignee === 'unassigned') return `No unassigned ${status} conversations`;
  return `No ${status} conversations`;
}

export function ConversationList({ filters, selectedId, currentUserId, onSelect, checkedIds, onToggleChecked }: ConversationListProps) {
  const query = useConversationList(filters);
  const now = useNow();
  const items = query.data?.pages.flatMap((page) => page.items) ?? NO_ITEMS;

  if (query.isPending) {
    return (
      <div className="list-placeholder" data-testid="conversation-list" aria-busy="true">
        <Spinner label="Loading conversations" />
      </div>
    );
  }
  if (query.isError && items.length === 0) {
    return (
      <div className="list-placeholder" data-testid="conversation-list">
        <InlineError onRetry={() => void query.refetch()}>Could not load conversations: {errorMessage(query.error)}</InlineError>
      </div>
    );
  }

  return (
    <div className={query.isPlaceholderData ? 'conversation-list-scroll is-stale' : 'conversation-list-scroll'}>
      {items.length === 0 ? (
        <div data-testid="conversation-list">
          <EmptyState title={emptyTitle(filters)}>{filters.q.trim() ? 'Try another name, handle or phrase.' : 'New conversations appear here as they arrive.'}</EmptyState>
        </div>
      ) : (
        <ul className="conversation-list" data-testid="conversation-list" aria-label="Conversations">
          {items.map((conversation) => (
            <ConversationListItem
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              currentUserId={currentUserId}
              now={now}
              onSelect={onSelect}
              onToggleChecked={onToggleChecked}
              checked={checkedIds?.has(conversation.id) ?? false}
            />
          ))}
        </ul>
      )}
      {query.hasNextPage ? (
        <div className="load-more">
          <button type="button" className="button button-quiet" data-testid="load-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      ) : null}
      {query.isFetchNextPageError ? <InlineError onRetry={() => void query.fetchNextPage()}>{errorMessage(query.error)}</InlineError> : null}
    </div>
  );
}
