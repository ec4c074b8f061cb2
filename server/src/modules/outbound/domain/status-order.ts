import type { MessageStatus } from '@rapport/shared';

const RANK: Record<MessageStatus, number> = { queued: 0, failed: 1, sent: 2, delivered: 3, read: 4 };

/**
 * Receipts arrive out of order (a "read" before its "delivered"); a status only moves forward.
 * A failure counts only before the platform accepted the message.
 */
export function advanceStatus(current: MessageStatus, next: MessageStatus): MessageStatus {
  if (next === 'failed') return current === 'queued' || current === 'failed' ? 'failed' : current;
  if (current === 'failed') return next === 'queued' ? current : next;
  return RANK[next] > RANK[current] ? next : current;
}
