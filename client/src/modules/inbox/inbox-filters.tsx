import { CONVERSATION_STATUSES, type ConversationStatus } from '@rapport/shared';
import { conversationStatusLabel } from '../../ui/status-pill';
import { ASSIGNEE_FILTERS, type AssigneeFilter, type InboxView } from './conversation-filters';

const ASSIGNEE_LABELS: Record<AssigneeFilter, string> = { mine: 'Mine', unassigned: 'Unassigned', all: 'All' };

interface InboxFiltersProps {
  status: ConversationStatus;
  assignee: AssigneeFilter;
  search: string;
  onStatusChange: (status: ConversationStatus) => void;
  onAssigneeChange: (assignee: AssigneeFilter) => void;
  onSearchChange: (search: string) => void;
  view: InboxView;
  onViewChange: (view: InboxView) => void;
}

export function InboxFilters(props: InboxFiltersProps) {
  return (
    <div className="inbox-filters">
      <div className="search-box" hidden={props.view !== 'conversations'}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
        <input
          type="search"
          data-testid="conversation-search"
          placeholder="Search customers and messages"
          aria-label="Search conversations"
          value={props.search}
          onChange={(e) => props.onSearchChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') props.onSearchChange('');
          }}
        />
      </div>

      <div className="status-tabs" role="tablist" aria-label="Status">
        {CONVERSATION_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            role="tab"
            aria-selected={props.view === 'conversations' && props.status === status}
            data-testid={`status-tab-${status}`}
            className={props.view === 'conversations' && props.status === status ? 'tab is-active' : 'tab'}
            // A status is a conversation list: choosing one leaves the follow-ups.
            onClick={() => props.onStatusChange(status)}
          >
            {conversationStatusLabel(status)}
          </button>
        ))}
        <button
          type="button"
          role="tab"
          aria-selected={props.view === 'follow-ups'}
          data-testid="inbox-follow-ups"
          className={props.view === 'follow-ups' ? 'tab is-active' : 'tab'}
          onClick={() => props.onViewChange('follow-ups')}
        >
          Follow-ups
        </button>
      </div>

      <div className="segmented" role="radiogroup" aria-label="Assignee" hidden={props.view !== 'conversations'}>
        {ASSIGNEE_FILTERS.map((assignee) => (
          <button
            key={assignee}
            type="button"
            role="radio"
            aria-checked={props.assignee === assignee}
            data-testid={`assignee-filter-${assignee}`}
            className={props.assignee === assignee ? 'segment is-active' : 'segment'}
            onClick={() => props.onAssigneeChange(assignee)}
          >
            {ASSIGNEE_LABELS[assignee]}
          </button>
        ))}
      </div>
    </div>
  );
}
