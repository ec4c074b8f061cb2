import { useSyncExternalStore } from 'react';
import { routeToHash } from '../../app/app-route';
import type { BreachNoticeStore } from '../sla/breach-notices';

/** Due follow-ups, announced politely in a corner, each with a link to its conversation. */
export function FollowUpNotices({ store }: { store: BreachNoticeStore }) {
  const notices = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div className="followup-notices" role="status" aria-live="polite" data-testid="followup-notices">
      {notices.map((notice) => (
        <div key={notice.id} className="followup-notice" data-testid="followup-notice" data-conversation-id={notice.conversationId}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className="followup-notice-icon">
            <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M8 4.6V8l2.4 1.6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          <span className="followup-notice-text">{notice.text}</span>
          <a className="followup-notice-link" href={routeToHash({ view: 'inbox', conversationId: notice.conversationId })} onClick={() => store.dismiss(notice.id)}>
            Open
          </a>
          <button type="button" className="icon-button followup-notice-close" aria-label="Dismiss" onClick={() => store.dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
