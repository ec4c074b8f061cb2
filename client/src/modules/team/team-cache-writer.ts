import type { QueryClient } from '@tanstack/react-query';
import type { Agent, PresenceEvent } from '@rapport/shared';
import { createTrailingThrottle, type TrailingThrottle } from '../../lib/throttle';
import { applyPresence } from './agents-cache';
import { teamKeys } from './query-keys';

/** Load and waiting counts move with every routed conversation; refetching more often than this adds nothing. */
const ROUTING_REFRESH_MS = 1000;

export function writeAgentPresence(queryClient: QueryClient, event: Pick<PresenceEvent, 'userId' | 'status'>): void {
  queryClient.setQueryData<Agent[]>(teamKeys.agents, (agents) => applyPresence(agents, event));
}

/**
 * Open counts and waiting queues are computed by the server, so conversation events refetch the agents
 * and teams (only those on screen refetch; the rest are just marked stale), at most once a second.
 */
export function createRoutingRefresher(queryClient: QueryClient): TrailingThrottle {
  return createTrailingThrottle(() => {
    // While a lead's edit is on its way a refetch could briefly show the old value: mark stale only.
    const refetchType = queryClient.isMutating({ mutationKey: teamKeys.edits }) > 0 ? 'none' : 'active';
    void queryClient.invalidateQueries({ queryKey: teamKeys.agents, refetchType });
    void queryClient.invalidateQueries({ queryKey: teamKeys.teams, refetchType });
  }, ROUTING_REFRESH_MS);
}
