import type { ConversationStatus } from '@rapport/shared';

const LABELS: Record<ConversationStatus, string> = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

export function conversationStatusLabel(status: ConversationStatus): string {
  return LABELS[status];
}

export function StatusPill({ status }: { status: ConversationStatus }) {
  return <span className={`status-pill status-${status}`}>{LABELS[status]}</span>;
}
