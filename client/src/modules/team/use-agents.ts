import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../auth/use-session';
import { fetchAgents, fetchTeams } from './team-api';
import { canSeeTeam } from './team-permissions';
import { teamKeys } from './query-keys';

/** Agents with presence and load. Only supervisors may list them (agents get 403), so nothing is asked for others. */
export function useAgents() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: teamKeys.agents,
    queryFn: ({ signal }) => fetchAgents(signal),
    enabled: canSeeTeam(user),
  });
}

export function useTeams() {
  const user = useCurrentUser();
  return useQuery({
    queryKey: teamKeys.teams,
    queryFn: ({ signal }) => fetchTeams(signal),
    enabled: canSeeTeam(user),
  });
}
