import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../auth/use-session';
import { fetchSlaPolicies } from './sla-api';
import { canReadSlaPolicies } from './sla-permissions';
import { slaKeys } from './query-keys';

/** Policies change rarely. */
const POLICIES_STALE_MS = 5 * 60_000;

export function useSlaPolicies() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: slaKeys.policies,
    queryFn: ({ signal }) => fetchSlaPolicies(signal),
    enabled: canReadSlaPolicies(user),
    staleTime: POLICIES_STALE_MS,
  });
}
