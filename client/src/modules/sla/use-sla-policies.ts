import { useQuery } from '@tanstack/react-query';
import type { SlaPolicy } from '@rapport/shared';
import type { SlaThresholds } from '../../lib/sla-status';
import { useCurrentUser } from '../auth/use-session';
import { fetchSlaPolicies } from './sla-api';
import { canReadSlaPolicies } from './sla-permissions';
import { slaKeys } from './query-keys';

/** Policies change rarely; every countdown on screen shares this one list. */
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

/** The thresholds of one policy, or null when unknown (agents may not read policies). */
export function useSlaThresholds(policyId: string | undefined): SlaThresholds | null {
  const policies = useSlaPolicies();
  return policies.data?.find((p: SlaPolicy) => p.id === policyId) ?? null;
}
