import type { MessageStatus } from '@rapport/shared';

const LABELS: Record<MessageStatus, string> = { queued: 'Queued', sent: 'Sent', delivered: 'Delivered', read: 'Read', failed: 'Failed' };

function StatusIcon({ status }: { status: MessageStatus }) {
  switch (status) {
    case 'queued':
      return (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      );
    case 'sent':
      return (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M3 8.5 6.5 12 13 4.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'delivered':
    case 'read':
      return (
        <svg viewBox="0 0 20 16" width="15" height="12" aria-hidden="true">
          <path d="M1.5 8.5 5 12 11.5 4.5M8 11l1 1 6.5-7.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      );
    case 'failed':
      return (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <circle cx="8" cy="8" r="6.5" fill="currentColor" />
          <path d="M8 4.5v4.2M8 10.8v.2" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      );
  }
}

export function MessageStatusLabel({ status }: { status: MessageStatus }) {
  return (
    <span className={`message-status status-${status}`} data-testid="message-status">
      <StatusIcon status={status} />
      {LABELS[status]}
    </span>
  );
}
