import { useCallback, useSyncExternalStore } from 'react';

/**
 * Unsent text per conversation, kept while the agent hops between threads (not across reloads).
 * Outside React state so a failed send can put its text back even after the composer unmounted.
 */
const drafts = new Map<string, string>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function readDraft(conversationId: string): string {
  return drafts.get(conversationId) ?? '';
}

export function writeDraft(conversationId: string, text: string): void {
  if (readDraft(conversationId) === text) return;
  if (text === '') drafts.delete(conversationId);
  else drafts.set(conversationId, text);
  for (const listener of listeners) listener();
}

/** Puts the text of a failed send back in front of anything typed since. */
export function restoreDraft(conversationId: string, failedText: string): void {
  const current = readDraft(conversationId);
  writeDraft(conversationId, current.trim() === '' ? failedText : `${failedText}\n${current}`);
}

export function useDraft(conversationId: string): [string, (text: string) => void] {
  const draft = useSyncExternalStore(subscribe, () => readDraft(conversationId));
  const setDraft = useCallback((text: string) => writeDraft(conversationId, text), [conversationId]);
  return [draft, setDraft];
}
