import { describe, expect, it } from '@jest/globals';
import { MESSAGE_STATUSES, type MessageStatus } from '@rapport/shared';
import { advanceStatus } from './status-order.js';

describe('advanceStatus', () => {
  it.each<[MessageStatus, MessageStatus, MessageStatus]>([
    // Forward along queued → sent → delivered → read.
    ['queued', 'sent', 'sent'],
    ['queued', 'delivered', 'delivered'],
    ['queued', 'read', 'read'],
    ['sent', 'delivered', 'delivered'],
    ['sent', 'read', 'read'],
    ['delivered', 'read', 'read'],
    // Never backwards.
    ['sent', 'queued', 'sent'],
    ['delivered', 'sent', 'delivered'],
    ['delivered', 'queued', 'delivered'],
    ['read', 'delivered', 'read'],
    ['read', 'sent', 'read'],
    ['read', 'queued', 'read'],
    // Repeats change nothing.
    ['queued', 'queued', 'queued'],
    ['sent', 'sent', 'sent'],
    ['delivered', 'delivered', 'delivered'],
    ['read', 'read', 'read'],
    ['failed', 'failed', 'failed'],
    // A failure counts only before the platform accepted the message.
    ['queued', 'failed', 'failed'],
    ['sent', 'failed', 'sent'],
    ['delivered', 'failed', 'delivered'],
    ['read', 'failed', 'read'],
    // A failed message that the platform later reports (or a retry that succeeds) moves on; it is never re-queued.
    ['failed', 'sent', 'sent'],
    ['failed', 'delivered', 'delivered'],
    ['failed', 'read', 'read'],
    ['failed', 'queued', 'failed'],
  ])('%s + %s → %s', (current, next, expected) => {
    expect(advanceStatus(current, next)).toBe(expected);
  });

  it('a read receipt arriving before its delivered receipt still ends at read', () => {
    const final = (['sent', 'read', 'delivered'] as MessageStatus[]).reduce(advanceStatus, 'queued');
    expect(final).toBe('read');
  });

  it('any order of receipts after sent ends at the furthest one', () => {
    const receipts: MessageStatus[] = ['delivered', 'failed', 'read', 'sent', 'queued'];
    expect(receipts.reduce(advanceStatus, 'sent')).toBe('read');
  });

  it.each(MESSAGE_STATUSES.flatMap((a) => MESSAGE_STATUSES.map((b) => [a, b] as const)))('%s + %s is one of the two', (current, next) => {
    expect([current, next]).toContain(advanceStatus(current, next));
  });
});
