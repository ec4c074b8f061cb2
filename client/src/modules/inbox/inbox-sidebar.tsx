import { useCallback, useState } from 'react';
import type { Conversation, ConversationStatus } from '@rapport/shared';
import { useCurrentUser } from '../auth/use-session';
import { canPickAssignee } from '../conversation/conversation-permissions';
import { BulkAssignBar } from './bulk-assign-bar';
import { toggleInSet, visibleSelection } from './bulk-assign';
import { ConversationList } from './conversation-list';
import type { AssigneeFilter, ConversationFilters, InboxView } from './conversation-filters';
import { FollowUpList } from './follow-up-list';
import { InboxFilters } from './inbox-filters';
import { useConversationList } from './use-conversation-list';
import { useSearchDraft } from './use-search-draft';

const SEARCH_DEBOUNCE_MS = 300;
const NOTHING_CHECKED: ReadonlySet<string> = new Set();
const NO_ITEMS: Conversation[] = [];

interface InboxSidebarProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Kept in the URL by the caller, so reload and back/forward keep them. */
  filters: ConversationFilters;
  /** `replace`: no history entry of its own (a settled search). */
  onFiltersChange: (filters: ConversationFilters, options: { replace: boolean }) => void;
  /** The conversation list or the follow-ups, also kept in the URL by the caller. */
  view: InboxView;
  onViewChange: (view: InboxView) => void;
}

export function InboxSidebar({ selectedId, onSelect, filters, onFiltersChange, view, onViewChange }: InboxSidebarProps) {
  const user = useCurrentUser();
  const { status, assignee } = filters;
  const settleSearch = useCallback(
    (q: string) => {
      if (q !== filters.q) onFiltersChange({ ...filters, q }, { replace: true });
    },
    [filters, onFiltersChange],
  );
  const [search, setSearch] = useSearchDraft(filters.q, settleSearch, SEARCH_DEBOUNCE_MS);

  // Bulk selection (supervisors): only ticked rows still in this list count.
  const bulk = canPickAssignee(user);
  const [checked, setChecked] = useState<ReadonlySet<string>>(NOTHING_CHECKED);
  const list = useConversationList(filters);
  const visibleIds = (list.data?.pages.flatMap((page) => page.items) ?? NO_ITEMS).map((c) => c.id);
  const selection = visibleSelection(checked, visibleIds);
  const toggleChecked = useCallback((id: string) => setChecked((current) => toggleInSet(current, id)), []);
  const clearChecked = useCallback(() => setChecked(NOTHING_CHECKED), []);

  // A different list is a different selection.
  const changeStatus = (next: ConversationStatus) => {
    onFiltersChange({ ...filters, status: next }, { replace: false });
    clearChecked();
  };
  const changeAssignee = (next: AssigneeFilter) => {
    onFiltersChange({ ...filters, assignee: next }, { replace: false });
    clearChecked();
  };

  return (
    <section className="column column-list" aria-label="Inbox" data-shortcut="list">
      <InboxFilters
        status={status}
        assignee={assignee}
        search={search}
        onStatusChange={changeStatus}
        onAssigneeChange={changeAssignee}
        onSearchChange={setSearch}
        view={view}
        onViewChange={onViewChange}
      />
      {bulk && selection.length > 0 && view === 'conversations' ? <BulkAssignBar ids={selection} onDone={clearChecked} onClear={clearChecked} /> : null}
      {view === 'follow-ups' ? (
        <FollowUpList selectedId={selectedId} onSelect={onSelect} />
      ) : (
        <ConversationList
          filters={filters}
          selectedId={selectedId}
          currentUserId={user.id}
          onSelect={onSelect}
          checkedIds={bulk ? checked : undefined}
          onToggleChecked={bulk ? toggleChecked : undefined}
        />
      )}
    </section>
  );
}
