import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchDirectory } from './auth-api';
import { authKeys } from './query-keys';

/** Colleagues are added and renamed rarely: one fetch serves a whole shift. */
const DIRECTORY_STALE_MS = 30 * 60_000;
/** A name we do not know may be a colleague added since: ask again, but not more often than this. */
const MISSING_NAME_REFRESH_MS = 60_000;

/** Who is who (id → name, role), readable by every role. */
export function useDirectory() {
  return useQuery({
    queryKey: authKeys.directory,
    queryFn: ({ signal }) => fetchDirectory(signal),
    staleTime: DIRECTORY_STALE_MS,
  });
}

/** Fetches the directory again when something names a user it does not list (at most once a minute). */
export function useRefreshDirectoryWhen(missing: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!missing) return;
    const state = queryClient.getQueryState(authKeys.directory);
    if (!state || state.status !== 'success' || state.fetchStatus === 'fetching') return;
    if (Date.now() - state.dataUpdatedAt < MISSING_NAME_REFRESH_MS) return;
    void queryClient.invalidateQueries({ queryKey: authKeys.directory });
  }, [missing, queryClient]);
}
