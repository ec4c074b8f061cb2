import type { TypingEvent, ViewersEvent } from '@rapport/shared';

export interface AgentRef {
  userId: string;
  name: string;
}

/** Typing notices repeat every few seconds while someone types; a silent agent stops showing after this. */
const TYPING_VISIBLE_MS = 6000;
const NONE: readonly AgentRef[] = [];

/**
 * Who else is looking at or typing in a conversation. Ephemeral UI state fed by socket events; not part
 * of the query cache because it is never fetched and never replayed.
 */
export class ActivityStore {
  private typing = new Map<string, readonly AgentRef[]>();
  private viewers = new Map<string, readonly AgentRef[]>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getTyping(conversationId: string): readonly AgentRef[] {
    return this.typing.get(conversationId) ?? NONE;
  }

  getViewers(conversationId: string): readonly AgentRef[] {
    return this.viewers.get(conversationId) ?? NONE;
  }

  onTyping(event: TypingEvent): void {
    const key = `${event.conversationId}:${event.userId}`;
    const current = this.getTyping(event.conversationId);
    if (!current.some((a) => a.userId === event.userId)) {
      this.typing.set(event.conversationId, [...current, { userId: event.userId, name: event.name }]);
      this.notify();
    }
    const previous = this.timers.get(key);
    if (previous !== undefined) clearTimeout(previous);
    this.timers.set(key, setTimeout(() => this.stopTyping(event.conversationId, event.userId), TYPING_VISIBLE_MS));
  }

  /** A message from that agent ends their typing notice at once. */
  stopTyping(conversationId: string, userId: string): void {
    const key = `${conversationId}:${userId}`;
    const timer = this.timers.get(key);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(key);
    const current = this.getTyping(conversationId);
    if (!current.some((a) => a.userId === userId)) return;
    const next = current.filter((a) => a.userId !== userId);
    if (next.length === 0) this.typing.delete(conversationId);
    else this.typing.set(conversationId, next);
    this.notify();
  }

  onViewers(event: ViewersEvent): void {
    this.viewers.set(event.conversationId, event.viewers.map((v) => ({ userId: v.userId, name: v.name })));
    this.notify();
  }

  reset(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.typing.clear();
    this.viewers.clear();
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
