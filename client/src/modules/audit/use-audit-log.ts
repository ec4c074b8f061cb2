import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { AuditListQuery } from './audit-filters';
import { fetchAuditPage } from './audit-api';
import { auditKeys } from './query-keys';

/** The audit log, newest first, a page at a time (each next page from the last one's cursor). */
export function useAuditLog(query: AuditListQuery) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ pageParam, signal }) => fetchAuditPage(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // The old rows stay while other filters load, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}
