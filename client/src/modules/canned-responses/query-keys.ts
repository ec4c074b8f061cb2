export const cannedKeys = {
  all: ['canned-responses'] as const,
  /** What a conversation of this team may use (null: no team); `q` searches in the settings list. */
  list: (teamId: string | null, q = '') => ['canned-responses', 'list', teamId, q] as const,
};
