import { useState } from 'react';
import type { ConversationStatus } from '@rapport/shared';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useCurrentUser } from '../auth/use-session';
import { ConversationList } from './conversation-list';
import { DEFAULT_FILTERS, type AssigneeFilter, type ConversationFilters } from './conversation-filters';
import { InboxFilters } from './inbox-filters';

const SEARCH_DEBOUNCE_MS = 300;

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

  return (
    <section className="column column-list" aria-label="Inbox">
      <InboxFilters
        status={status}
        assignee={assignee}
        search={search}
        onStatusChange={setStatus}
        onAssigneeChange={setAssignee}
        onSearchChange={setSearch}
      />
      <ConversationList filters={filters} selectedId={selectedId} currentUserId={user.id} onSelect={onSelect} />
    </section>
  );
}
