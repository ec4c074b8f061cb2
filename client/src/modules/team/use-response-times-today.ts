import { useQuery } from '@tanstack/react-query';
import { useNow } from '../../lib/use-now';
import { fetchResponseTimesByAgent } from './team-api';
import { firstResponseMedians, localMidnightIso } from './team-metrics';
import { teamKeys } from './query-keys';

/** Figures are rewritten with each reply; a lead glancing at the team needs them about once a minute. */
const REFRESH_MS = 60_000;

/** Each agent's median first response since local midnight (a new day starts a new query). */
export function useFirstResponseMediansToday() {
  const from = localMidnightIso(useNow());
  const query = useQuery({
    queryKey: teamKeys.responseTimes(from),
    queryFn: ({ signal }) => fetchResponseTimesByAgent(from, signal),
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS,
  });
  return { medians: firstResponseMedians(query.data), isError: query.isError, isPending: query.isPending };
}
