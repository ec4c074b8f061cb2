import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import type { DeadLetterPage, DeadLetterRetry, DeadLetterStatus } from '@rapport/shared';
import { useCurrentUser } from '../auth/use-session';
import { canSeeDeadLetters } from './channel-permissions';
import { fetchDeadLetters, retryDeadLetter } from './dead-letters-api';
import { withRetried } from './dead-letters-cache';
import { deadLetterKeys } from './query-keys';

/** Dead letters newest first, a page at a time; asked for only by admins. */
export function useDeadLetters(status: DeadLetterStatus | null) {
  const user = useCurrentUser();
  return useInfiniteQuery({
    queryKey: deadLetterKeys.list(status ?? 'all'),
    queryFn: ({ pageParam, signal }) => fetchDeadLetters(status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: canSeeDeadLetters(user),
  });
}

/** One row's retry: the outcome stays on the mutation for the row to show; every list shows the new row. */
export function useRetryDeadLetter() {
  const queryClient = useQueryClient();
  return useMutation<DeadLetterRetry, Error, string>({
    mutationFn: retryDeadLetter,
    onSuccess: (result) => {
      for (const [key] of queryClient.getQueriesData<InfiniteData<DeadLetterPage, string | null>>({ queryKey: deadLetterKeys.all })) {
        queryClient.setQueryData<InfiniteData<DeadLetterPage, string | null>>(key, (data) => withRetried(data, result));
      }
      // Filtered lists (pending, resolved) may now hold it or not: fetched again when next shown.
      void queryClient.invalidateQueries({ queryKey: deadLetterKeys.all, refetchType: 'none' });
    },
  });
}
