import type { AssignBody, Assignment, Conversation, Message, Page, SendMessageBody, SetStatusBody } from '@rapport/shared';
import { apiRequest } from '../../lib/api-client';

export function fetchConversation(id: string, signal?: AbortSignal): Promise<Conversation> {
  return apiRequest<Conversation>(`/conversations/${encodeURIComponent(id)}`, { signal });
}

export function fetchMessages(conversationId: string, params: { before?: string; limit: number }, signal?: AbortSignal): Promise<Pick<Page<Message>, 'items'>> {
  return apiRequest<Pick<Page<Message>, 'items'>>(`/conversations/${encodeURIComponent(conversationId)}/messages`, {
    query: { before: params.before, limit: params.limit },
    signal,
  });
}

export function sendMessage(conversationId: string, body: SendMessageBody): Promise<Message> {
  return apiRequest<Message>(`/conversations/${encodeURIComponent(conversationId)}/messages`, { method: 'POST', body });
}

/** The contract does not pin down these answers; callers treat anything but a conversation as "refetch". */
export function setConversationStatus(conversationId: string, body: SetStatusBody): Promise<unknown> {
  return apiRequest<unknown>(`/conversations/${encodeURIComponent(conversationId)}/status`, { method: 'POST', body });
}

export function assignConversation(conversationId: string, body: AssignBody): Promise<unknown> {
  return apiRequest<unknown>(`/conversations/${encodeURIComponent(conversationId)}/assign`, { method: 'POST', body });
}

export function markConversationRead(conversationId: string): Promise<Conversation> {
  return apiRequest<Conversation>(`/conversations/${encodeURIComponent(conversationId)}/read`, { method: 'POST' });
}

export function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.status === 'string' && typeof v.customer === 'object' && v.customer !== null;
}

/** Every change of owner, oldest first. */
export function fetchAssignments(conversationId: string, signal?: AbortSignal): Promise<{ items: Assignment[] }> {
  return apiRequest<{ items: Assignment[] }>(`/conversations/${encodeURIComponent(conversationId)}/assignments`, { signal });
}

/** Replaces the conversation's tags (extension: `PATCH /api/conversations/:id { tags }`). */
export function updateConversationTags(conversationId: string, tags: string[]): Promise<Conversation> {
  return apiRequest<Conversation>(`/conversations/${encodeURIComponent(conversationId)}`, { method: 'PATCH', body: { tags } });
}
