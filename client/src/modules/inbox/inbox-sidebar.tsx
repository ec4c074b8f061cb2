import { useCallback, useState } from 'react';
import type { Conversation, ConversationStatus } from '@rapport/shared';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useCurrentUser } from '../auth/use-session';
import { canPickAssignee } from '../conversation/conversation-permissions';
import { BulkAssignBar } from './bulk-assign-bar';
import { toggleInSet, visibleSelection } from './bulk-assign';
import { ConversationList } from './conversation-list';
import { DEFAULT_FILTERS, type AssigneeFilter, type ConversationFilters } from './conversation-filters';
import { InboxFilters } from './inbox-filters';
import { useConversationList } from './use-conversation-list';

const SEARCH_DEBOUNCE_MS = 300;
const NOTHING_CHECKED: ReadonlySet<string> = new Set();
const NO_ITEMS: Conversation[] = [];

interface InboxSidebarProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function InboxSidebar({ selectedId, onSelect }: InboxSidebarProps) {
  const user = useCurrentUser();
  const [status, setStatus] = useState<ConversationStatus>(DEFAULT_FILTERS.status);
  const [assignee, setAssignee] = useState<AssigneeFilter>(DEFAULT_FILTERS.assignee);
  const [search, setSearch] = useState(DEFAULT_FILTERS.q);
  const q = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const filters: ConversationFilters = { status, assignee, q };

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
    setStatus(next);
    clearChecked();
  };
  const changeAssignee = (next: AssigneeFilter) => {
    setAssignee(next);
    clearChecked();
  };

  return (
    <section className="column column-list" aria-label="Inbox">
      <InboxFilters
        status={status}
        assignee={assignee}
        search={search}
        onStatusChange={changeStatus}
        onAssigneeChange={changeAssignee}
        onSearchChange={setSearch}
      />
      {bulk && selection.length > 0 ? <BulkAssignBar ids={selection} onDone={clearChecked} onClear={clearChecked} /> : null}
      <ConversationList
        filters={filters}
        selectedId={selectedId}
        currentUserId={user.id}
        onSelect={onSelect}
        checkedIds={bulk ? checked : undefined}
        onToggleChecked={bulk ? toggleChecked : undefined}
      />
    </section>
  );
}
