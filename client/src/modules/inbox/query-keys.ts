import type { ConversationFilters } from './conversation-filters';

export const conversationListKeys = {
  all: ['conversations', 'list'] as const,
  list: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
};
