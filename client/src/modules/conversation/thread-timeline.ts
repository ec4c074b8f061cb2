import type { Assignment, Message } from '@rapport/shared';
import { isLocalMessage } from './messages-cache';

export type TimelineEntry = { kind: 'message'; key: string; at: string; message: Message } | { kind: 'assignment'; key: string; at: string; assignment: Assignment };

function messageEntry(message: Message): TimelineEntry {
  // Keyed by clientId when there is one, so the optimistic bubble turns into the real one in place.
  return { kind: 'message', key: message.clientId ? `c:${message.clientId}` : message.id, at: message.sentAt, message };
}

function assignmentEntry(assignment: Assignment): TimelineEntry {
  return { kind: 'assignment', key: `a:${assignment.id}`, at: assignment.createdAt, assignment };
}

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

/**
 * Messages (in their cached order) with assignment changes placed between them at their time; a
 * message's time is when it was written (the platform's clock), as its bubble and the thread order say. A change
 * at the same moment as a message goes after it (routing follows the message that opened the thread).
 * Changes older than the first loaded message are left out while older messages are not loaded yet,
 * since they belong somewhere in the part not shown; optimistic messages stay last.
 */
export function buildTimeline(messages: readonly Message[], assignments: readonly Assignment[], hasOlder: boolean): TimelineEntry[] {
  const firstServer = messages.find((m) => !isLocalMessage(m));
  const floor = hasOlder && firstServer ? time(firstServer.sentAt) : Number.NEGATIVE_INFINITY;
  const pending = [...assignments].filter((a) => time(a.createdAt) >= floor).sort((a, b) => time(a.createdAt) - time(b.createdAt));

  const entries: TimelineEntry[] = [];
  let next = 0;
  /** Adds the waiting changes up to (not including) time `before`. */
  const flushBefore = (before: number) => {
    for (let a = pending[next]; a !== undefined && time(a.createdAt) < before; a = pending[++next]) entries.push(assignmentEntry(a));
  };
  for (const message of messages) {
    flushBefore(isLocalMessage(message) ? Number.POSITIVE_INFINITY : time(message.sentAt));
    entries.push(messageEntry(message));
  }
  flushBefore(Number.POSITIVE_INFINITY);
  return entries;
}
