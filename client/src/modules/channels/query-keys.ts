export const channelKeys = {
  all: ['channels'] as const,
  /** Mutation key of channel edits, so a refetch does not land in the middle of one. */
  edits: ['channels', 'edit'] as const,
};

/** Apart from the channels' keys: channel edits cancel and refetch those, never these. */
export const deadLetterKeys = {
  all: ['dead-letters'] as const,
  list: (status: string) => ['dead-letters', 'list', status] as const,
};
