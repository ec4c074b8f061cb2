import type { BreachNoticeStore } from '../sla/breach-notices';
import { NoticeStack } from '../sla/notice-stack';

const CLOCK_ICON = (
  <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" className="notice-icon">
    <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.5" />
    <path d="M8 4.6V8l2.4 1.6" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
  </svg>
);

/** Due follow-ups, bottom left, each with a link to its conversation. */
export function FollowUpNotices({ store }: { store: BreachNoticeStore }) {
  return <NoticeStack store={store} kind="followup" icon={CLOCK_ICON} />;
}
