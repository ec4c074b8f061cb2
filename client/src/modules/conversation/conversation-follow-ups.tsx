import type { FollowUp } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatFullDateTime, formatShortDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { useCancelFollowUp, useFollowUps } from '../follow-ups/use-follow-ups';

const NO_ITEMS: FollowUp[] = [];

/** The conversation's scheduled and due follow-ups, under the header, each with cancel (or dismiss). */
export function ConversationFollowUps({ conversationId }: { conversationId: string }) {
  const items = useFollowUps({ conversationId }).data?.items ?? NO_ITEMS;
  const cancel = useCancelFollowUp();
  const now = useNow();
  if (items.length === 0) return null;
  return (
    <div className="thread-followups" data-testid="conversation-follow-ups" aria-label="Follow-ups">
      {items.map((f) => (
        <div key={f.id} className={f.status === 'due' ? 'thread-followup is-due' : 'thread-followup'} data-testid="conversation-follow-up" data-follow-up-id={f.id}>
          <svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true">
            <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 4.6V8l2.4 1.6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          <time dateTime={f.dueAt} title={formatFullDateTime(f.dueAt)}>
            {f.status === 'due' ? 'Due now' : formatShortDateTime(new Date(f.dueAt), now)}
          </time>
          <span className="thread-followup-note">{f.note}</span>
          <button type="button" className="link-button" data-testid="conversation-follow-up-cancel" disabled={cancel.isPending} onClick={() => cancel.mutate(f.id)}>
            {f.status === 'due' ? 'Done' : 'Cancel'}
          </button>
        </div>
      ))}
      {cancel.error ? <span className="thread-followup-error" role="alert">{errorMessage(cancel.error)}</span> : null}
    </div>
  );
}
