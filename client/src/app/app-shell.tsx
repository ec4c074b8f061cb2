import { useCallback } from 'react';
import type { User } from '@rapport/shared';
import { ChannelsView } from '../modules/channels/channels-view';
import { canSeeChannels } from '../modules/channels/channel-permissions';
import { canSeeAudit } from '../modules/audit/audit-permissions';
import { AuditView } from '../modules/audit/audit-view';
import { canManageUsers } from '../modules/users/users-rules';
import { UsersView } from '../modules/users/users-view';
import { ConversationView } from '../modules/conversation/conversation-view';
import { useConversation } from '../modules/conversation/use-conversation';
import { CustomerPanel } from '../modules/customer/customer-panel';
import { DEFAULT_FILTERS, type ConversationFilters, type InboxView } from '../modules/inbox/conversation-filters';
import { InboxSidebar } from '../modules/inbox/inbox-sidebar';
import { LazyReportsView } from '../modules/reports/lazy-reports-view';
import { canSeeReports } from '../modules/reports/report-permissions';
import { canSeeTeam } from '../modules/team/team-permissions';
import { TeamView } from '../modules/team/team-view';
import { EmptyState } from '../ui/feedback';
import { AppHeader, type AppNav } from './app-header';
import { OfflineBanner } from './offline-banner';
import { ShortcutHelp } from './shortcut-help';
import { useAppRoute } from './use-app-route';
import { useShortcuts } from './use-shortcuts';
import { useStoredFlag } from './use-stored-flag';

function CustomerColumn({ conversationId, onOpenConversation }: { conversationId: string; onOpenConversation: (id: string) => void }) {
  const conversation = useConversation(conversationId);
  return <CustomerPanel customerId={conversation.data?.customerId} currentConversationId={conversationId} onOpenConversation={onOpenConversation} />;
}

/** The route's `list` part: only the follow-ups list is named. */
const listRoute = (list: InboxView) => (list === 'follow-ups' ? { list } : {});

/** The signed-in app: the inbox (conversation list, open thread, customer details) or, for supervisors, the team, the channels and the reports. */
export function AppShell({ user }: { user: User }) {
  const { route, navigate, openInbox } = useAppRoute();
  const [customerPanelOpen, toggleCustomerPanel] = useStoredFlag('rapport.customerPanelOpen', true);
  const filters = route.view === 'inbox' ? route.filters : DEFAULT_FILTERS;
  const selectedId = route.view === 'inbox' ? route.conversationId : null;
  // Opening a conversation keeps the list as it is; changing the list keeps the conversation open.
  const list: InboxView = (route.view === 'inbox' && route.list) || 'conversations';
  const select = useCallback((id: string | null) => navigate({ view: 'inbox', conversationId: id, filters, ...listRoute(list) }), [navigate, filters, list]);
  // New filters are a new conversation list, whichever list showed.
  const changeFilters = useCallback(
    (next: ConversationFilters, options: { replace: boolean }) => navigate({ view: 'inbox', conversationId: selectedId, filters: next }, options),
    [navigate, selectedId],
  );
  const changeList = useCallback((next: InboxView) => navigate({ view: 'inbox', conversationId: selectedId, filters, ...listRoute(next) }), [navigate, selectedId, filters]);
  const teamAllowed = canSeeTeam(user);
  const channelsAllowed = canSeeChannels(user);
  const reportsAllowed = canSeeReports(user);
  const auditAllowed = canSeeAudit(user);
  const usersAllowed = canManageUsers(user);
  // An agent who follows a #/team, #/channels or #/reports link just gets the inbox.
  const view =
    (route.view === 'team' && teamAllowed) || (route.view === 'channels' && channelsAllowed) || (route.view === 'reports' && reportsAllowed) || (route.view === 'audit' && auditAllowed) || (route.view === 'users' && usersAllowed)
      ? route.view
      : 'inbox';
  const nav: AppNav | undefined =
    teamAllowed || channelsAllowed || reportsAllowed || auditAllowed || usersAllowed
      ? {
          view,
          onInbox: openInbox,
          onTeam: teamAllowed ? () => navigate({ view: 'team' }) : undefined,
          onChannels: channelsAllowed ? () => navigate({ view: 'channels' }) : undefined,
          onReports: reportsAllowed ? () => navigate({ view: 'reports' }) : undefined,
          onAudit: auditAllowed ? () => navigate({ view: 'audit' }) : undefined,
          onUsers: usersAllowed ? () => navigate({ view: 'users' }) : undefined,
        }
      : undefined;

  const { helpOpen, closeHelp } = useShortcuts({ view, onSelect: select });

  const showCustomer = selectedId !== null && customerPanelOpen;
  const main =
    view === 'team' ? (
      <TeamView />
    ) : view === 'channels' ? (
      <ChannelsView />
    ) : view === 'reports' ? (
      <LazyReportsView />
    ) : view === 'audit' ? (
      <AuditView />
    ) : view === 'users' ? (
      <UsersView />
    ) : (
      <div className={showCustomer ? 'workspace has-customer' : 'workspace'}>
        <InboxSidebar selectedId={selectedId} onSelect={select} filters={filters} onFiltersChange={changeFilters} view={list} onViewChange={changeList} />
        {selectedId ? (
          <ConversationView key={selectedId} conversationId={selectedId} customerPanelOpen={customerPanelOpen} onToggleCustomerPanel={toggleCustomerPanel} />
        ) : (
          <section className="column column-thread is-centered">
            <EmptyState title="No conversation open">Pick a conversation from the list to read and reply, or press j. Press ? for every shortcut.</EmptyState>
          </section>
        )}
        {showCustomer ? <CustomerColumn conversationId={selectedId} onOpenConversation={select} /> : null}
      </div>
    );
  return (
    <div className="app">
      <AppHeader user={user} nav={nav} />
      <OfflineBanner />
      {main}
      <ShortcutHelp open={helpOpen} onClose={closeHelp} />
    </div>
  );
}
