import { SUPERVISOR_ROLES, type SlaBreachedEvent, type User } from '@rapport/shared';
import { SLA_METRIC_LABELS } from '../../lib/sla-status';

export interface BreachNotice {
  /** The event's seq: one notice per breach, even when a replay brings it twice. */
  id: number;
  conversationId: string;
  text: string;
}

/** A notice stays this long unless dismissed; the conversation's own countdown keeps showing red. */
export const NOTICE_VISIBLE_MS = 12_000;
/** More at once would cover the inbox; the oldest give way. */
export const MAX_NOTICES = 3;

/**
 * Whether a breach is news for this user: supervisors and the assignee hear it, and only breaches after
 * this page's first sync (which replays the whole log from 0, old breaches included) are announced.
 */
export function shouldAnnounceBreach(event: Pick<SlaBreachedEvent, 'seq' | 'assigneeId'>, user: Pick<User, 'id' | 'role'>, baselineSeq: number | null): boolean {
  if (baselineSeq === null || event.seq <= baselineSeq) return false;
  return SUPERVISOR_ROLES.includes(user.role) || event.assigneeId === user.id;
}

/** "SLA breached: first response — Ada Lovelace" */
export function breachNoticeText(event: Pick<SlaBreachedEvent, 'metric'>, customerName: string | null): string {
  const text = `SLA breached: ${SLA_METRIC_LABELS[event.metric]}`;
  return customerName ? `${text} — ${customerName}` : text;
}

/** Newest last; a repeated id is ignored; at most `max` kept. */
export function addNotice(notices: readonly BreachNotice[], notice: BreachNotice, max = MAX_NOTICES): readonly BreachNotice[] {
  if (notices.some((n) => n.id === notice.id)) return notices;
  return [...notices, notice].slice(-max);
}

/** The notices on screen: UI state only, fed by the socket, never fetched. */
export class BreachNoticeStore {
  private notices: readonly BreachNotice[] = [];
  private timers = new Map<number, ReturnType<typeof setTimeout>>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): readonly BreachNotice[] => this.notices;

  push(notice: BreachNotice): void {
    const next = addNotice(this.notices, notice);
    if (next === this.notices) return;
    this.set(next);
    this.timers.set(notice.id, setTimeout(() => this.dismiss(notice.id), NOTICE_VISIBLE_MS));
  }

  dismiss = (id: number): void => {
    if (this.notices.some((n) => n.id === id)) this.set(this.notices.filter((n) => n.id !== id));
  };

  reset(): void {
    this.set([]);
  }

  private set(next: readonly BreachNotice[]): void {
    // A notice dismissed, timed out or pushed out by newer ones keeps no timer.
    for (const [id, timer] of this.timers) {
      if (next.some((n) => n.id === id)) continue;
      clearTimeout(timer);
      this.timers.delete(id);
    }
    this.notices = next;
    for (const listener of this.listeners) listener();
  }
}
