export type RoutingStrategy = 'least_loaded' | 'round_robin' | 'manual';

export interface AgentCandidate {
  id: string;
  presence: 'online' | 'away' | 'offline';
  autoAssign: boolean;
  openCount: number;
  capacity: number;
  skills: string[];
  languages: string[];
  /** last time a conversation was assigned to them (null = never) */
  lastAssignedAt: Date | null;
}

export interface RoutingRequest {
  strategy: RoutingStrategy;
  /** ISO 639-1, e.g. 'es': the customer's preferred or detected language */
  language: string | null;
  tags: string[];
  stickyAgentId: string | null;
  /** round robin: the agent who got the previous conversation of this team */
  lastAgentId: string | null;
}

export type RoutingReason = 'sticky' | 'auto';

export interface RoutingChoice {
  agentId: string;
  reason: RoutingReason;
}

/** Only someone at their desk, opted in and with room takes new work; nobody waits for an absent agent. */
export function isEligible(agent: AgentCandidate): boolean {
  return agent.presence === 'online' && agent.autoAssign && agent.openCount < agent.capacity;
}

/** A customer is best served in their language, but only when someone eligible speaks it. */
export function filterByLanguage(agents: AgentCandidate[], language: string | null): AgentCandidate[] {
  if (!language) return agents;
  const wanted = language.toLowerCase();
  const speakers = agents.filter((agent) => agent.languages.some((spoken) => spoken.toLowerCase() === wanted));
  return speakers.length > 0 ? speakers : agents;
}

/** Prefer the agents covering most of the conversation's tags; nobody matching means skills do not decide. */
export function filterBySkills(agents: AgentCandidate[], tags: string[]): AgentCandidate[] {
  if (tags.length === 0) return agents;
  // Tags and skills are typed by people: 'Billing' and 'billing' are the same skill.
  const wanted = new Set(tags.map((tag) => tag.toLowerCase()));
  const matches = (agent: AgentCandidate): number =>
    new Set(agent.skills.map((skill) => skill.toLowerCase()).filter((skill) => wanted.has(skill))).size;
  const best = Math.max(0, ...agents.map(matches));
  return best === 0 ? agents : agents.filter((agent) => matches(agent) === best);
}

/** Never assigned first, then the oldest last assignment. */
function compareIdle(a: AgentCandidate, b: AgentCandidate): number {
  if (a.lastAssignedAt === null || b.lastAssignedAt === null) {
    return (a.lastAssignedAt === null ? 0 : 1) - (b.lastAssignedAt === null ? 0 : 1);
  }
  return a.lastAssignedAt.getTime() - b.lastAssignedAt.getTime();
}

const byId = (a: AgentCandidate, b: AgentCandidate): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Lowest load first; on a tie the one idle longest (never assigned counts as longest), then id so the result is stable. */
export function compareLoad(a: AgentCandidate, b: AgentCandidate): number {
  return a.openCount - b.openCount || compareIdle(a, b) || byId(a, b);
}

export function pickLeastLoaded(agents: AgentCandidate[]): AgentCandidate | undefined {
  return [...agents].sort(compareLoad)[0];
}

/**
 * The next agent after the previous one in id order, wrapping around. Works even when the previous
 * agent has since gone offline or is full (they are no longer in the list).
 */
export function pickRoundRobin(agents: AgentCandidate[], lastAgentId: string | null): AgentCandidate | undefined {
  const ordered = [...agents].sort(byId);
  if (lastAgentId === null) return ordered[0];
  return ordered.find((agent) => agent.id > lastAgentId) ?? ordered[0];
}

/** Who gets this conversation now, or null when it must wait (or the team routes by hand). */
export function chooseAgent(request: RoutingRequest, candidates: AgentCandidate[]): RoutingChoice | null {
  if (request.strategy === 'manual') return null;
  const eligible = candidates.filter(isEligible);
  if (eligible.length === 0) return null;

  const fitting = filterBySkills(filterByLanguage(eligible, request.language), request.tags);

  // A returning customer goes back to the agent who knows them, when that agent fits as well as anyone.
  const sticky = fitting.find((agent) => agent.id === request.stickyAgentId);
  if (sticky) return { agentId: sticky.id, reason: 'sticky' };

  const chosen =
    request.strategy === 'round_robin' ? pickRoundRobin(fitting, request.lastAgentId) : pickLeastLoaded(fitting);
  return chosen ? { agentId: chosen.id, reason: 'auto' } : null;
}

/**
 * Everyone who could take the conversation, best first: the choice, then who would be chosen if the
 * choice were unavailable, and so on. Routers running at once each take the first agent no other router
 * is assigning to at that moment.
 */
export function rankAgents(request: RoutingRequest, candidates: AgentCandidate[]): RoutingChoice[] {
  const ranked: RoutingChoice[] = [];
  let rest = candidates;
  for (let choice = chooseAgent(request, rest); choice; choice = chooseAgent(request, rest)) {
    ranked.push(choice);
    const taken = choice.agentId;
    rest = rest.filter((agent) => agent.id !== taken);
  }
  return ranked;
}

/** Round robin continues after whoever of the team was assigned most recently. */
export function lastAssigned(agents: AgentCandidate[]): string | null {
  let last: AgentCandidate | null = null;
  for (const agent of agents) {
    if (agent.lastAssignedAt && (!last?.lastAssignedAt || agent.lastAssignedAt > last.lastAssignedAt)) last = agent;
  }
  return last?.id ?? null;
}
