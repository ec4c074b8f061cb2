import { CONVERSATION_STATUSES, type ConversationStatus } from '@rapport/shared';
import { DEFAULT_FILTERS, type AssigneeFilter, type ConversationFilters } from './conversation-filters';

/** How each assignee filter reads in a URL (`assignee=me` matches the API's own word). */
const ASSIGNEE_PARAMS: Record<AssigneeFilter, string> = { all: 'all', mine: 'me', unassigned: 'unassigned' };

function assigneeFromParam(value: string | null): AssigneeFilter | undefined {
  return (Object.keys(ASSIGNEE_PARAMS) as AssigneeFilter[]).find((filter) => ASSIGNEE_PARAMS[filter] === value);
}

function statusFromParam(value: string | null): ConversationStatus | undefined {
  return CONVERSATION_STATUSES.find((status) => status === value);
}

/** The inbox filters named by a URL's query; anything missing or unknown keeps its default. */
export function filtersFromParams(params: URLSearchParams): ConversationFilters {
  return {
    ...DEFAULT_FILTERS,
    status: statusFromParam(params.get('status')) ?? DEFAULT_FILTERS.status,
    assignee: assigneeFromParam(params.get('assignee')) ?? DEFAULT_FILTERS.assignee,
    q: params.get('q')?.trim() ?? DEFAULT_FILTERS.q,
  };
}

/** Only what differs from the defaults, so the plain inbox keeps a plain URL. */
export function filtersToParams(filters: ConversationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status !== DEFAULT_FILTERS.status) params.set('status', filters.status);
  if (filters.assignee !== DEFAULT_FILTERS.assignee) params.set('assignee', ASSIGNEE_PARAMS[filters.assignee]);
  const q = filters.q.trim();
  if (q !== '') params.set('q', q);
  return params;
}
