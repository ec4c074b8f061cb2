import { useSyncExternalStore, type ReactNode } from 'react';
import { routeToHash } from '../../app/app-route';
import type { BreachNoticeStore } from './breach-notices';

interface NoticeStackProps {
  store: BreachNoticeStore;
  /** Names the stack's corner and accent (class `${kind}-notices`, each notice `${kind}-notice`) and its test ids. */
  kind: 'sla' | 'followup';
  /** The icon before each notice's text. */
  icon: ReactNode;
}

/** Notices in a corner: announced politely, never in the way, each with a link to its conversation. */
export function NoticeStack({ store, kind, icon }: NoticeStackProps) {
  const notices = useSyncExternalStore(store.subscribe, store.getSnapshot);
  return (
    <div className={`notice-stack ${kind}-notices`} role="status" aria-live="polite" data-testid={`${kind}-notices`}>
      {notices.map((notice) => (
        <div key={notice.id} className={`notice ${kind}-notice`} data-testid={`${kind}-notice`} data-conversation-id={notice.conversationId}>
          {icon}
          <span className="notice-text">{notice.text}</span>
          <a className="notice-link" href={routeToHash({ view: 'inbox', conversationId: notice.conversationId })} onClick={() => store.dismiss(notice.id)}>
            Open
          </a>
          <button type="button" className="icon-button notice-close" aria-label="Dismiss" onClick={() => store.dismiss(notice.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
