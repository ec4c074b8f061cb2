import type { CreateFollowUpBody, FollowUp, Page } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

/** Whose follow-ups: the signed-in user's, or one conversation's. */
export type FollowUpScope = { assignee: 'me' } | { conversationId: string };

export function fetchFollowUps(scope: FollowUpScope, signal?: AbortSignal): Promise<Page<FollowUp>> {
  return apiRequest<Page<FollowUp>>('/follow-ups', { query: { ...scope, limit: 100 }, signal });
}

export function createFollowUp(conversationId: string, body: CreateFollowUpBody): Promise<FollowUp> {
  return apiRequest<FollowUp>(`/conversations/${encodeURIComponent(conversationId)}/follow-ups`, { method: 'POST', body });
}

/** Calls off a scheduled follow-up, or dismisses one that came due. */
export function cancelFollowUp(id: string): Promise<void> {
  return apiRequest<void>(`/follow-ups/${encodeURIComponent(id)}`, { method: 'DELETE' });
}
