import type { InfiniteData } from '@tanstack/react-query';
import type { DeadLetterPage, DeadLetterRetry, DeadLetterStatus } from '@rapport/shared';

const pendingDelta = (before: DeadLetterStatus | undefined, after: DeadLetterStatus): number => (after === 'pending' ? 1 : 0) - (before === 'pending' ? 1 : 0);

/** The list after a retry: the row as the server now has it, and the pending count moved with it. */
export function withRetried(data: InfiniteData<DeadLetterPage, string | null> | undefined, result: DeadLetterRetry): InfiniteData<DeadLetterPage, string | null> | undefined {
  if (!data) return data;
  const updated = result.deadLetter;
  const before = data.pages.flatMap((page) => page.items).find((item) => item.id === updated.id);
  const delta = pendingDelta(before?.status, updated.status);
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      pending: Math.max(0, page.pending + (before ? delta : 0)),
      items: page.items.map((item) => (item.id === updated.id ? updated : item)),
    })),
  };
}
