import { CONVERSATION_STATUSES, type ConversationStatus } from '@rapport/shared';
import type { QueryValue } from '../../lib/api-client';

export const ASSIGNEE_FILTERS = ['all', 'mine', 'unassigned'] as const;
export type AssigneeFilter = (typeof ASSIGNEE_FILTERS)[number];

/** What one inbox list shows; also part of its query key. */
export interface ConversationFilters {
  status: ConversationStatus;
  assignee: AssigneeFilter;
  q: string;
}

export const DEFAULT_FILTERS: ConversationFilters = { status: 'open', assignee: 'all', q: '' };

export const PAGE_SIZE = 30;

/** The inbox lists conversations by the filters above, or the signed-in user's follow-ups. */
export type InboxView = 'conversations' | 'follow-ups';

export function toListQuery(filters: ConversationFilters): Record<string, QueryValue> {
  const assignee = filters.assignee === 'mine' ? 'me' : filters.assignee === 'unassigned' ? 'unassigned' : undefined;
  return { status: filters.status, assignee, q: filters.q.trim() || undefined, limit: PAGE_SIZE };
}

export function isConversationFilters(value: unknown): value is ConversationFilters {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (CONVERSATION_STATUSES as readonly unknown[]).includes(v.status) &&
    (ASSIGNEE_FILTERS as readonly unknown[]).includes(v.assignee) &&
    typeof v.q === 'string'
  );
}
