export const customerKeys = {
  detail: (id: string) => ['customers', 'detail', id] as const,
  /** Mutation key of one customer's edits, so overlapping ones can tell about each other. */
  edits: (id: string) => ['customers', 'edit', id] as const,
};
