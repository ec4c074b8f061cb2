import type { Agent, Team } from '@rapport/shared';

type Load = Pick<Agent, 'openCount' | 'effectiveCapacity'>;

/** How full an agent is, 0…1 for the load bar. No capacity at all counts as full. */
export function loadRatio(agent: Load): number {
  if (agent.effectiveCapacity <= 0) return 1;
  return Math.min(1, Math.max(0, agent.openCount / agent.effectiveCapacity));
}

/** Routing gives them nothing more (they may be over, after a lead lowered their capacity). */
export function isAtCapacity(agent: Load): boolean {
  return agent.openCount >= agent.effectiveCapacity;
}

/** "2/5" */
export function formatLoad(agent: Load): string {
  return `${agent.openCount}/${agent.effectiveCapacity}`;
}

/** "Bea Lindqvist (2/5)", with presence when they would not see it soon: "Chidi Okafor (1/5) · offline". */
export function agentOptionLabel(agent: Pick<Agent, 'name' | 'presence'> & Load): string {
  const label = `${agent.name} (${formatLoad(agent)})`;
  return agent.presence === 'online' ? label : `${label} · ${agent.presence}`;
}

/**
 * The capacity routing applies, mirroring the server: their own limit, else the smallest default of
 * their teams. Used for the optimistic update; the server's answer replaces it.
 */
export function effectiveCapacityOf(capacity: number | null, teamIds: readonly string[], teams: readonly Team[], fallback: number): number {
  if (capacity !== null) return capacity;
  const defaults = teams.filter((t) => teamIds.includes(t.id)).map((t) => t.defaultCapacity);
  return defaults.length > 0 ? Math.min(...defaults) : fallback;
}

export function byName(a: Pick<Agent, 'name'>, b: Pick<Agent, 'name'>): number {
  return a.name.localeCompare(b.name);
}

export const MAX_CAPACITY = 100;

/** Reads the capacity field: '' means "use the team default"; anything but a whole number 0…100 is not saved. */
export function parseCapacity(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  return value <= MAX_CAPACITY ? { ok: true, value } : { ok: false };
}
