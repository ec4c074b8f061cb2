import type { Agent, Conversation, Page, ResponseTimesReport, Team, UpdateAgentBody, UpdateTeamBody } from '@rapport/shared';
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

/** The Team view's lists hold at most this many; the waiting queue says when there are more. */
export const TEAM_LIST_LIMIT = 100;

/** Open conversations of one agent, or the unassigned ones ('unassigned'). */
export function fetchTeamConversations(owner: string, signal?: AbortSignal): Promise<Page<Conversation>> {
  return apiRequest<Page<Conversation>>('/conversations', { query: { status: 'open', assignee: owner, limit: TEAM_LIST_LIMIT }, signal });
}

/** Response times per agent of the clocks stopped since `from`. */
export function fetchResponseTimesByAgent(from: string, signal?: AbortSignal): Promise<ResponseTimesReport> {
  return apiRequest<ResponseTimesReport>('/metrics/response-times', { query: { groupBy: 'agent', from }, signal });
}
