import { DEFAULT_FILTERS, type ConversationFilters, type InboxView } from '../modules/inbox/conversation-filters';
import { filtersFromParams, filtersToParams } from '../modules/inbox/filter-params';

/**
 * Which screen is showing, kept in the URL hash so reload and back/forward keep it (no router library).
 * The inbox's filters ride along as a query: `#/c/<id>?status=pending&assignee=me&q=refund`, and the
 * follow-ups list as `list=follow-ups`.
 */
export interface InboxRoute {
  view: 'inbox';
  conversationId: string | null;
  filters: ConversationFilters;
  /** Set only for the follow-ups list; the conversation list is the default. */
  list?: Exclude<InboxView, 'conversations'>;
}
export type AppRoute = InboxRoute | { view: 'team' } | { view: 'channels' } | { view: 'reports' } | { view: 'audit' } | { view: 'users' };
/** A link to a conversation from elsewhere (team view, notices) need not know the inbox's filters. */
export type RouteLink = AppRoute | (Omit<InboxRoute, 'filters'> & { filters?: ConversationFilters });

const CONVERSATION_PATH = /^#\/c\/([^/?#]+)$/;
const TEAM_PATH = /^#\/team\/?$/;
const CHANNELS_PATH = /^#\/channels\/?$/;
const REPORTS_PATH = /^#\/reports\/?$/;
const AUDIT_PATH = /^#\/audit\/?$/;
const USERS_PATH = /^#\/users\/?$/;

function conversationIdOf(path: string): string | null {
  const match = CONVERSATION_PATH.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    // A hand-edited hash with a broken escape: show the inbox rather than crash.
    return null;
  }
}

export function parseRoute(hash: string): AppRoute {
  const queryAt = hash.indexOf('?');
  const path = queryAt === -1 ? hash : hash.slice(0, queryAt);
  if (TEAM_PATH.test(path)) return { view: 'team' };
  if (CHANNELS_PATH.test(path)) return { view: 'channels' };
  if (REPORTS_PATH.test(path)) return { view: 'reports' };
  if (AUDIT_PATH.test(path)) return { view: 'audit' };
  if (USERS_PATH.test(path)) return { view: 'users' };
  const params = new URLSearchParams(queryAt === -1 ? '' : hash.slice(queryAt + 1));
  const filters = queryAt === -1 ? DEFAULT_FILTERS : filtersFromParams(params);
  return { view: 'inbox', conversationId: conversationIdOf(path), filters, ...(params.get('list') === 'follow-ups' ? { list: 'follow-ups' as const } : {}) };
}

export function routeToHash(route: RouteLink): string {
  if (route.view === 'team') return '#/team';
  if (route.view === 'channels') return '#/channels';
  if (route.view === 'reports') return '#/reports';
  if (route.view === 'audit') return '#/audit';
  if (route.view === 'users') return '#/users';
  const params = filtersToParams(route.filters ?? DEFAULT_FILTERS);
  if (route.list) params.set('list', route.list);
  const query = params.toString();
  const path = route.conversationId === null ? (query ? '#/inbox' : '') : `#/c/${encodeURIComponent(route.conversationId)}`;
  return query ? `${path}?${query}` : path;
}
