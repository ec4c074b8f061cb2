export const channelKeys = {
  all: ['channels'] as const,
  /** Mutation key of channel edits, so a refetch does not land in the middle of one. */
  edits: ['channels', 'edit'] as const,
};
