import type { Conversation } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime } from '../../lib/format-time';
import { useViewers } from '../../lib/realtime-context';
import { Avatar } from '../../ui/avatar';
import { ChannelBadge } from '../../ui/channel-badge';
import { PriorityMarker } from '../../ui/priority-marker';
import { StatusPill } from '../../ui/status-pill';
import { SlaCountdown } from '../../ui/sla-countdown';
import { useDirectory } from '../auth/use-directory';
import { AssigneeSelect } from './assignee-select';
import { buildNameDirectory } from './assignment-description';
import { ConversationSignals } from './conversation-signals';
import { canAssignToSelf, canPickAssignee } from './conversation-permissions';
import { FollowUpMenu } from './follow-up-menu';
import { SnoozeMenu } from './snooze-menu';
import { useConversationActions, type StatusChange } from './use-conversation-actions';

interface ConversationHeaderProps {
  conversation: Conversation;
  customerPanelOpen: boolean;
  onToggleCustomerPanel: () => void;
}

function Viewers({ conversationId, currentUserId }: { conversationId: string; currentUserId: string }) {
  const others = useViewers(conversationId).filter((v) => v.userId !== currentUserId);
  if (others.length === 0) return null;
  return (
    <span className="viewers" title={`Also viewing: ${others.map((v) => v.name).join(', ')}`}>
      <span className="viewers-dot" aria-hidden="true" />
      {others.length === 1 ? `${others[0]?.name ?? 'Someone'} is here too` : `${others.length} others here`}
    </span>
  );
}

export function ConversationHeader({ conversation: c, customerPanelOpen, onToggleCustomerPanel }: ConversationHeaderProps) {
  const { status, assign, user } = useConversationActions(c.id);
  const currentUserId = user.id;
  const busy = status.isPending || assign.isPending;
  const actionError = status.error ?? assign.error;
  const directory = useDirectory();
  const assigneeLabel =
    c.assigneeId === null ? 'Unassigned' : c.assigneeId === currentUserId ? 'Assigned to you' : `Assigned to ${buildNameDirectory({ directory: directory.data, conversation: c })(c.assigneeId)}`;

  const changeStatus = (change: StatusChange) => status.mutate(change);

  return (
    <header className="thread-header">
      <div className="thread-title">
        <Avatar name={c.customer.name} size={36} />
        <div className="thread-title-text">
          <div className="thread-title-row">
            <h2 data-testid="thread-customer-name">{c.customer.name}</h2>
            <PriorityMarker priority={c.priority} />
            <SlaCountdown sla={c.sla} />
          </div>
          <div className="thread-subtitle">
            {c.customer.handle ? <span className="handle">{c.customer.handle}</span> : null}
            <ChannelBadge kind={c.channelKind} long />
            <span className="muted">{c.channelName}</span>
            <StatusPill status={c.status} />
            {c.status === 'snoozed' && c.snoozedUntil ? <span className="muted">until {formatFullDateTime(c.snoozedUntil)}</span> : null}
            <span className="muted" data-testid="thread-assignee">
              · {assigneeLabel}
            </span>
            <Viewers conversationId={c.id} currentUserId={currentUserId} />
          </div>
          <ConversationSignals conversation={c} />
        </div>
      </div>

      <div className="thread-actions" aria-busy={busy}>
        {canPickAssignee(user) ? (
          <AssigneeSelect conversation={c} disabled={busy} onAssign={(assigneeId) => assign.mutate(assigneeId)} />
        ) : canAssignToSelf(user, c) ? (
          <button type="button" className="button button-quiet" data-testid="assign-me" data-shortcut="assign" disabled={busy} onClick={() => assign.mutate(currentUserId)}>
            Assign to me
          </button>
        ) : null}
        {c.status !== 'pending' && c.status !== 'resolved' ? (
          <button type="button" className="button button-quiet" data-testid="status-pending" disabled={busy} onClick={() => changeStatus({ status: 'pending' })}>
            Pending
          </button>
        ) : null}
        {c.status !== 'resolved' ? <SnoozeMenu disabled={busy} onSnooze={(until) => changeStatus({ status: 'snoozed', snoozeUntil: until.toISOString() })} /> : null}
        <FollowUpMenu conversation={c} disabled={busy} />
        {c.status === 'resolved' || c.status === 'snoozed' || c.status === 'pending' ? (
          <button type="button" className="button button-quiet" data-testid="status-reopen" disabled={busy} onClick={() => changeStatus({ status: 'open' })}>
            Reopen
          </button>
        ) : null}
        {c.status !== 'resolved' ? (
          <button type="button" className="button button-primary" data-testid="status-resolve" data-shortcut="resolve" disabled={busy} onClick={() => changeStatus({ status: 'resolved' })}>
            Resolve
          </button>
        ) : null}
        <button
          type="button"
          className={customerPanelOpen ? 'icon-button is-active' : 'icon-button'}
          aria-pressed={customerPanelOpen}
          aria-label={customerPanelOpen ? 'Hide customer details' : 'Show customer details'}
          title={customerPanelOpen ? 'Hide customer details' : 'Show customer details'}
          data-testid="toggle-customer-panel"
          onClick={onToggleCustomerPanel}
        >
          <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
            <rect x="1.5" y="2.5" width="13" height="11" rx="2" fill="none" stroke="currentColor" strokeWidth="1.3" />
            <path d="M10 2.5v11" stroke="currentColor" strokeWidth="1.3" />
          </svg>
        </button>
      </div>
      {actionError ? <div className="thread-action-error" role="alert">{errorMessage(actionError)}</div> : null}
    </header>
  );
}
