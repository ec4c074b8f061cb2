export const customerKeys = {
  detail: (id: string) => ['customers', 'detail', id] as const,
  /** Mutation key of one customer's edits, so overlapping ones can tell about each other. */
  edits: (id: string) => ['customers', 'edit', id] as const,
  suggestionsAll: ['customers', 'suggestions'] as const,
  suggestions: (id: string) => ['customers', 'suggestions', id] as const,
  search: (q: string) => ['customers', 'search', q] as const,
};
