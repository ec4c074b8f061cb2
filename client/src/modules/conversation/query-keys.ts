export const conversationKeys = {
  detail: (id: string) => ['conversations', 'detail', id] as const,
  messages: (id: string) => ['conversations', 'messages', id] as const,
  assignments: (id: string) => ['conversations', 'assignments', id] as const,
};
