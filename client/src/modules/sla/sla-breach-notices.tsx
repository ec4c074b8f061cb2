import type { BreachNoticeStore } from './breach-notices';
import { NoticeStack } from './notice-stack';

const BREACH_ICON = (
  <svg viewBox="0 0 12 12" width="14" height="14" aria-hidden="true" className="notice-icon">
    <circle cx="6" cy="6" r="5.4" fill="currentColor" />
    <path d="M6 3.2v3.4M6 8.5v.3" stroke="#fff" strokeWidth="1.4" strokeLinecap="round" />
  </svg>
);

/** Breach notices, bottom right, each with a link to its conversation. */
export function SlaBreachNotices({ store }: { store: BreachNoticeStore }) {
  return <NoticeStack store={store} kind="sla" icon={BREACH_ICON} />;
}
