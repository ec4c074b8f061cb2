import type { BulkAssignBody, Conversation, Page } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';
import { toListQuery, type ConversationFilters } from './conversation-filters';

export function fetchConversations(filters: ConversationFilters, cursor: string | null, signal?: AbortSignal): Promise<Page<Conversation>> {
  return apiRequest<Page<Conversation>>('/conversations', { query: { ...toListQuery(filters), cursor }, signal });
}

export function bulkAssignConversations(body: BulkAssignBody): Promise<{ items: Conversation[] }> {
  return apiRequest<{ items: Conversation[] }>('/conversations/assign', { method: 'POST', body });
}
