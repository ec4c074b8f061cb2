export const teamKeys = {
  agents: ['agents'] as const,
  teams: ['teams'] as const,
  /** Mutation key of agent and team edits, so a refetch can wait while one is under way. */
  edits: ['routing-settings', 'edit'] as const,
  /** Open conversations of one agent, or of nobody (the waiting queue), as the Team view lists them. */
  conversationsAll: ['team-conversations'] as const,
  conversations: (owner: TeamListOwner) => ['team-conversations', owner] as const,
  /** Today's response times per agent; `from` is the local midnight they count from. */
  responseTimes: (from: string) => ['team-response-times', from] as const,
};

/** An agent's id, or 'unassigned' for the waiting queue. */
export type TeamListOwner = string;
export const UNASSIGNED_OWNER: TeamListOwner = 'unassigned';
