import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Agent, Team, UpdateAgentBody, UpdateTeamBody } from '@rapport/shared';
import { patchAgent, patchTeam, replaceById } from './agents-cache';
import { teamKeys } from './query-keys';
import { updateAgent, updateTeam } from './team-api';

interface AgentChange {
  agent: Agent;
  patch: UpdateAgentBody;
}

/** Shows the change at once; puts that agent back as it was if the server refuses. */
export function useUpdateAgent() {
  const queryClient = useQueryClient();
  return useMutation<Agent, Error, AgentChange, { previous: Agent | undefined }>({
    mutationKey: teamKeys.edits,
    mutationFn: ({ agent, patch }) => updateAgent(agent.id, patch),
    onMutate: async ({ agent, patch }) => {
      // A refetch landing now would overwrite the optimistic value with the old one.
      await queryClient.cancelQueries({ queryKey: teamKeys.agents });
      const previous = queryClient.getQueryData<Agent[]>(teamKeys.agents)?.find((a) => a.id === agent.id);
      const teams = queryClient.getQueryData<Team[]>(teamKeys.teams) ?? [];
      queryClient.setQueryData<Agent[]>(teamKeys.agents, (agents) => replaceById(agents, patchAgent(previous ?? agent, patch, teams)));
      return { previous };
    },
    onError: (_error, _change, context) => {
      const previous = context?.previous;
      if (previous) queryClient.setQueryData<Agent[]>(teamKeys.agents, (agents) => replaceById(agents, previous));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<Agent[]>(teamKeys.agents, (agents) => replaceById(agents, saved));
    },
  });
}

interface TeamChange {
  team: Team;
  patch: UpdateTeamBody;
}

export function useUpdateTeam() {
  const queryClient = useQueryClient();
  return useMutation<Team, Error, TeamChange, { previous: Team | undefined }>({
    mutationKey: teamKeys.edits,
    mutationFn: ({ team, patch }) => updateTeam(team.id, patch),
    onMutate: async ({ team, patch }) => {
      await queryClient.cancelQueries({ queryKey: teamKeys.teams });
      const previous = queryClient.getQueryData<Team[]>(teamKeys.teams)?.find((t) => t.id === team.id);
      queryClient.setQueryData<Team[]>(teamKeys.teams, (teams) => replaceById(teams, patchTeam(previous ?? team, patch)));
      return { previous };
    },
    onError: (_error, _change, context) => {
      const previous = context?.previous;
      if (previous) queryClient.setQueryData<Team[]>(teamKeys.teams, (teams) => replaceById(teams, previous));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<Team[]>(teamKeys.teams, (teams) => replaceById(teams, saved));
      // A new default capacity changes the effective capacity of the members who use it.
      void queryClient.invalidateQueries({ queryKey: teamKeys.agents });
    },
  });
}
