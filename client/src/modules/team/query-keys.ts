export const teamKeys = {
  agents: ['agents'] as const,
  teams: ['teams'] as const,
  /** Mutation key of agent and team edits, so a refetch can wait while one is under way. */
  edits: ['routing-settings', 'edit'] as const,
};
