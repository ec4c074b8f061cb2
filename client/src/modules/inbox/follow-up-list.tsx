import type { FollowUp } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime, formatShortDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { Avatar } from '../../ui/avatar';
import { ChannelBadge } from '../../ui/channel-badge';
import { EmptyState, InlineError, Spinner } from '../../ui/feedback';
import { useCancelFollowUp, useFollowUps } from '../follow-ups/use-follow-ups';

interface FollowUpListProps {
  selectedId: string | null;
  onSelect: (conversationId: string) => void;
}

const NO_ITEMS: FollowUp[] = [];

/** The signed-in user's follow-ups, due ones first (soonest first), each opening its conversation. */
export function FollowUpList({ selectedId, onSelect }: FollowUpListProps) {
  const query = useFollowUps({ assignee: 'me' });
  const cancel = useCancelFollowUp();
  const now = useNow();
  const items = query.data?.items ?? NO_ITEMS;

  if (query.isPending) {
    return (
      <div className="list-placeholder" data-testid="follow-up-list" aria-busy="true">
        <Spinner label="Loading follow-ups" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="list-placeholder" data-testid="follow-up-list">
        <InlineError onRetry={() => void query.refetch()}>Could not load follow-ups: {errorMessage(query.error)}</InlineError>
      </div>
    );
  }
  if (items.length === 0) {
    return (
      <div className="conversation-list-scroll" data-testid="follow-up-list">
        <EmptyState title="No follow-ups">Set one from a conversation with “Follow up”; it reopens the conversation at its time.</EmptyState>
      </div>
    );
  }
  return (
    <div className="conversation-list-scroll">
      <ul className="conversation-list" data-testid="follow-up-list" aria-label="Follow-ups">
        {items.map((f) => (
          <li key={f.id} className="followup-row">
            <button
              type="button"
              className={f.conversationId === selectedId ? 'conversation-item is-selected' : 'conversation-item'}
              data-testid="follow-up-item"
              data-follow-up-id={f.id}
              data-conversation-id={f.conversationId}
              onClick={() => onSelect(f.conversationId)}
            >
              <Avatar name={f.conversation.customer.name} size={32} />
              <span className="conversation-item-body">
                <span className="conversation-item-top">
                  <span className="conversation-item-name">{f.conversation.customer.name}</span>
                  <ChannelBadge kind={f.conversation.channelKind} />
                  <time className={f.status === 'due' ? 'conversation-item-time followup-due' : 'conversation-item-time'} dateTime={f.dueAt} title={formatFullDateTime(f.dueAt)}>
                    {f.status === 'due' ? 'Due' : formatShortDateTime(new Date(f.dueAt), now)}
                  </time>
                </span>
                <span className="conversation-item-preview">
                  <span className="preview-text">{f.note}</span>
                </span>
              </span>
            </button>
            <button
              type="button"
              className="icon-button followup-cancel"
              data-testid="follow-up-item-cancel"
              aria-label={f.status === 'due' ? `Dismiss follow-up: ${f.note}` : `Cancel follow-up: ${f.note}`}
              title={f.status === 'due' ? 'Dismiss' : 'Cancel'}
              disabled={cancel.isPending}
              onClick={() => cancel.mutate(f.id)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {cancel.error ? <InlineError>{errorMessage(cancel.error)}</InlineError> : null}
    </div>
  );
}
