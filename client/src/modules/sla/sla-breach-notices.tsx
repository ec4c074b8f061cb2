import { useSyncExternalStore } from 'react';
import { routeToHash } from '../../app/app-route';
import type { BreachNoticeStore } from './breach-notices';

/** Breach notices in a corner: announced politely, never in the way, each with a link to its conversation. */
export function SlaBreachNotices({ store }: { store: BreachNoticeStore }) {
  const notices = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div className="sla-notices" role="status" aria-live="polite" data-testid="sla-notices">
      {notices.map((notice) => (
        <div key={notice.id} className="sla-notice" data-testid="sla-notice" data-conversation-id={notice.conversationId}>
          <svg viewBox="0 0 12 12" width="14" height="14" aria-hidden="true" className="sla-notice-icon">
            <circle cx="6" cy="6" r="5.4" fill="currentColor" />
            <path d="M6 3.2v3.4M6 8.5v.3" stroke="#fff" strokeWidth="1.4" strokeLinecap="round" />
          </svg>
          <span className="sla-notice-text">{notice.text}</span>
          <a className="sla-notice-link" href={routeToHash({ view: 'inbox', conversationId: notice.conversationId })} onClick={() => store.dismiss(notice.id)}>
            Open
          </a>
          <button type="button" className="icon-button sla-notice-close" aria-label="Dismiss" onClick={() => store.dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
