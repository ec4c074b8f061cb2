import { useQuery } from '@tanstack/react-query';
import { fetchTeamConversations } from './team-api';
import { teamKeys, type TeamListOwner } from './query-keys';

/** Open conversations of an agent or of nobody, kept live by the socket (see team-conversations-writer). */
export function useTeamConversations(owner: TeamListOwner, enabled = true) {
  return useQuery({
    queryKey: teamKeys.conversations(owner),
    queryFn: async ({ signal }) => (await fetchTeamConversations(owner, signal)).items,
    enabled,
  });
}
