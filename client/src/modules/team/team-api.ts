import type { Agent, Team, UpdateAgentBody, UpdateTeamBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchAgents(signal?: AbortSignal): Promise<Agent[]> {
  return apiRequest<Agent[]>('/agents', { signal });
}

export function updateAgent(id: string, body: UpdateAgentBody): Promise<Agent> {
  return apiRequest<Agent>(`/agents/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function fetchTeams(signal?: AbortSignal): Promise<Team[]> {
  return apiRequest<Team[]>('/teams', { signal });
}

export function updateTeam(id: string, body: UpdateTeamBody): Promise<Team> {
  return apiRequest<Team>(`/teams/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}
