import { memo } from 'react';
import type { Conversation } from '@rapport/shared';
import { formatFullDateTime, formatRelativeTime } from '../../lib/format-time';
import { Avatar } from '../../ui/avatar';
import { ChannelBadge } from '../../ui/channel-badge';
import { PriorityMarker } from '../../ui/priority-marker';
import { VipBadge } from '../../ui/vip-badge';
import { SlaCountdown } from '../../ui/sla-countdown';
import { SearchMatchSnippet } from './search-match-snippet';

/** After this long without an answer a waiting customer is shown in the warning colour. */
const LONG_WAIT_MS = 60 * 60 * 1000;

interface ConversationListItemProps {
  conversation: Conversation;
  selected: boolean;
  currentUserId: string;
  now: number;
  onSelect: (id: string) => void;
  /** Given to supervisors only: a checkbox for bulk assignment. */
  onToggleChecked?: (id: string) => void;
  checked?: boolean;
}

function assigneeLabel(assignee: Conversation['assignee'], currentUserId: string): string {
  if (assignee === null) return 'Unassigned';
  return assignee.id === currentUserId ? 'You' : assignee.name;
}

export const ConversationListItem = memo(function ConversationListItem({ conversation: c, selected, currentUserId, now, onSelect, onToggleChecked, checked = false }: ConversationListItemProps) {
  const waitingMs = c.waitingSince ? now - Date.parse(c.waitingSince) : 0;
  const classes = ['conversation-item'];
  if (selected) classes.push('is-selected');
  if (c.unreadCount > 0) classes.push('is-unread');

  const rowClasses = ['conversation-row'];
  if (onToggleChecked) rowClasses.push('is-checkable');
  if (checked) rowClasses.push('is-checked');
  if (selected) rowClasses.push('is-selected');

  return (
    <li className={rowClasses.join(' ')}>
      {onToggleChecked ? (
        <label className="conversation-check">
          <input
            type="checkbox"
            data-testid="conversation-select"
            data-conversation-id={c.id}
            checked={checked}
            aria-label={`Select conversation with ${c.customer.name}`}
            onChange={() => onToggleChecked(c.id)}
          />
        </label>
      ) : null}
      <button
        type="button"
        className={classes.join(' ')}
        data-testid="conversation-item"
        data-conversation-id={c.id}
        aria-current={selected ? 'true' : undefined}
        onClick={() => onSelect(c.id)}
      >
        <Avatar name={c.customer.name} size={32} />
        <span className="conversation-item-body">
          <span className="conversation-item-top">
            <span className="conversation-item-name">{c.customer.name}</span>
            <VipBadge tier={c.customer.tier} />
            <ChannelBadge kind={c.channelKind} title={c.channelName} />
            <PriorityMarker priority={c.priority} />
            <time className="conversation-item-time" dateTime={c.lastMessageAt ?? c.createdAt} title={formatFullDateTime(c.lastMessageAt ?? c.createdAt)}>
              {formatRelativeTime(c.lastMessageAt ?? c.createdAt, now)}
            </time>
          </span>
          <span className="conversation-item-preview">
            {c.match ? <SearchMatchSnippet match={c.match} /> : <span className="preview-text">{c.lastMessagePreview || <em className="muted">No messages yet</em>}</span>}
            {c.unreadCount > 0 ? (
              <span className="unread-count" aria-label={`${c.unreadCount} unread`}>
                {c.unreadCount > 99 ? '99+' : c.unreadCount}
              </span>
            ) : null}
          </span>
          <span className="conversation-item-meta">
            <span className={c.assigneeId === null ? 'assignee is-unassigned' : 'assignee'}>{assigneeLabel(c.assignee, currentUserId)}</span>
            {c.waitingSince ? (
              <span className={waitingMs > LONG_WAIT_MS ? 'waiting is-long' : 'waiting'} title={`Waiting since ${formatFullDateTime(c.waitingSince)}`}>
                waiting {waitingMs < 60_000 ? '<1m' : formatRelativeTime(c.waitingSince, now)}
              </span>
            ) : null}
            <SlaCountdown sla={c.sla} />
          </span>
        </span>
      </button>
    </li>
  );
});
