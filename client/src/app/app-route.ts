/** Which screen is showing, kept in the URL hash so reload and back/forward keep it (no router library). */
export type AppRoute = { view: 'inbox'; conversationId: string | null } | { view: 'team' } | { view: 'channels' } | { view: 'reports' };

const CONVERSATION_HASH = /^#\/c\/([^/?#]+)$/;
const TEAM_HASH = /^#\/team\/?$/;
const CHANNELS_HASH = /^#\/channels\/?$/;
const REPORTS_HASH = /^#\/reports\/?$/;

export function parseRoute(hash: string): AppRoute {
  if (TEAM_HASH.test(hash)) return { view: 'team' };
  if (CHANNELS_HASH.test(hash)) return { view: 'channels' };
  if (REPORTS_HASH.test(hash)) return { view: 'reports' };
  const match = CONVERSATION_HASH.exec(hash);
  if (!match?.[1]) return { view: 'inbox', conversationId: null };
  try {
    return { view: 'inbox', conversationId: decodeURIComponent(match[1]) };
  } catch {
    // A hand-edited hash with a broken escape: show the inbox rather than crash.
    return { view: 'inbox', conversationId: null };
  }
}

export function routeToHash(route: AppRoute): string {
  if (route.view === 'team') return '#/team';
  if (route.view === 'channels') return '#/channels';
  if (route.view === 'reports') return '#/reports';
  return route.conversationId === null ? '' : `#/c/${encodeURIComponent(route.conversationId)}`;
}
