import type { Agent, PresenceEvent, Team, UpdateAgentBody, UpdateTeamBody } from '@rapport/shared';
import { byName, effectiveCapacityOf } from './agent-load';

/** A presence change from the socket; the same array back when it changes nothing. */
export function applyPresence(agents: Agent[] | undefined, event: Pick<PresenceEvent, 'userId' | 'status'>): Agent[] | undefined {
  if (!agents) return agents;
  const index = agents.findIndex((a) => a.id === event.userId);
  const agent = agents[index];
  if (!agent || agent.presence === event.status) return agents;
  return agents.map((a, i) => (i === index ? { ...a, presence: event.status } : a));
}

/** What the agent will look like once the server applies the change (optimistic update). */
export function patchAgent(agent: Agent, patch: UpdateAgentBody, teams: readonly Team[]): Agent {
  const next: Agent = { ...agent };
  if (patch.capacity !== undefined) next.capacity = patch.capacity;
  if (patch.skills !== undefined) next.skills = patch.skills;
  if (patch.languages !== undefined) next.languages = patch.languages.map((l) => l.trim().toLowerCase());
  if (patch.teamIds !== undefined) next.teamIds = patch.teamIds;
  if (patch.autoAssign !== undefined) next.autoAssign = patch.autoAssign;
  if (patch.capacity !== undefined || patch.teamIds !== undefined) {
    next.effectiveCapacity = effectiveCapacityOf(next.capacity, next.teamIds, teams, agent.effectiveCapacity);
  }
  return next;
}

export function patchTeam(team: Team, patch: UpdateTeamBody): Team {
  const next: Team = { ...team };
  for (const [key, value] of Object.entries(patch) as Array<[keyof UpdateTeamBody, unknown]>) {
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  return next;
}

/** Replaces one item by id (a server answer or a rollback); the same array back when it is not there. */
export function replaceById<T extends { id: string }>(items: T[] | undefined, item: T): T[] | undefined {
  if (!items) return items;
  const index = items.findIndex((i) => i.id === item.id);
  if (index === -1) return items;
  return items.map((i, j) => (j === index ? item : i));
}

export interface TeamSection {
  team: Team | null;
  /** Shown with their settings here: each agent once, under the first team listing them. */
  members: Agent[];
  /** Members whose row is under an earlier team. */
  alsoMembers: Agent[];
}

/**
 * Groups agents under their teams for the Team view. Nobody appears twice: an agent in several teams
 * is listed in full under the first and named under the others; agents in no team come last.
 */
export function groupAgentsByTeam(teams: readonly Team[], agents: readonly Agent[]): TeamSection[] {
  const placed = new Set<string>();
  const sections: TeamSection[] = [];
  for (const team of teams) {
    const inTeam = agents.filter((a) => a.teamIds.includes(team.id) || team.memberIds.includes(a.id)).sort(byName);
    sections.push({ team, members: inTeam.filter((a) => !placed.has(a.id)), alsoMembers: inTeam.filter((a) => placed.has(a.id)) });
    for (const a of inTeam) placed.add(a.id);
  }
  const rest = agents.filter((a) => !placed.has(a.id)).sort(byName);
  if (rest.length > 0) sections.push({ team: null, members: rest, alsoMembers: [] });
  return sections;
}
