import { useCallback } from 'react';
import type { User } from '@rapport/shared';
import { ChannelsView } from '../modules/channels/channels-view';
import { canSeeChannels } from '../modules/channels/channel-permissions';
import { ConversationView } from '../modules/conversation/conversation-view';
import { useConversation } from '../modules/conversation/use-conversation';
import { CustomerPanel } from '../modules/customer/customer-panel';
import { InboxSidebar } from '../modules/inbox/inbox-sidebar';
import { LazyReportsView } from '../modules/reports/lazy-reports-view';
import { canSeeReports } from '../modules/reports/report-permissions';
import { canSeeTeam } from '../modules/team/team-permissions';
import { TeamView } from '../modules/team/team-view';
import { EmptyState } from '../ui/feedback';
import { AppHeader, type AppNav } from './app-header';
import { useAppRoute } from './use-app-route';
import { useStoredFlag } from './use-stored-flag';

function CustomerColumn({ conversationId, onOpenConversation }: { conversationId: string; onOpenConversation: (id: string) => void }) {
  const conversation = useConversation(conversationId);
  return <CustomerPanel customerId={conversation.data?.customerId} currentConversationId={conversationId} onOpenConversation={onOpenConversation} />;
}

/** The signed-in app: the inbox (conversation list, open thread, customer details) or, for supervisors, the team, the channels and the reports. */
export function AppShell({ user }: { user: User }) {
  const { route, navigate, openInbox } = useAppRoute();
  const [customerPanelOpen, toggleCustomerPanel] = useStoredFlag('rapport.customerPanelOpen', true);
  const select = useCallback((id: string | null) => navigate({ view: 'inbox', conversationId: id }), [navigate]);
  const teamAllowed = canSeeTeam(user);
  const channelsAllowed = canSeeChannels(user);
  const reportsAllowed = canSeeReports(user);
  // An agent who follows a #/team, #/channels or #/reports link just gets the inbox.
  const view =
    (route.view === 'team' && teamAllowed) || (route.view === 'channels' && channelsAllowed) || (route.view === 'reports' && reportsAllowed) ? route.view : 'inbox';
  const nav: AppNav | undefined =
    teamAllowed || channelsAllowed || reportsAllowed
      ? {
          view,
          onInbox: openInbox,
          onTeam: teamAllowed ? () => navigate({ view: 'team' }) : undefined,
          onChannels: channelsAllowed ? () => navigate({ view: 'channels' }) : undefined,
          onReports: reportsAllowed ? () => navigate({ view: 'reports' }) : undefined,
        }
      : undefined;

  if (view === 'team' || view === 'channels' || view === 'reports') {
    return (
      <div className="app">
        <AppHeader user={user} nav={nav} />
        {view === 'team' ? <TeamView /> : view === 'channels' ? <ChannelsView /> : <LazyReportsView />}
      </div>
    );
  }

  const selectedId = route.view === 'inbox' ? route.conversationId : null;
  const showCustomer = selectedId !== null && customerPanelOpen;
  return (
    <div className="app">
      <AppHeader user={user} nav={nav} />
      <div className={showCustomer ? 'workspace has-customer' : 'workspace'}>
        <InboxSidebar selectedId={selectedId} onSelect={select} />
        {selectedId ? (
          <ConversationView key={selectedId} conversationId={selectedId} customerPanelOpen={customerPanelOpen} onToggleCustomerPanel={toggleCustomerPanel} />
        ) : (
          <section className="column column-thread is-centered">
            <EmptyState title="No conversation open">Pick a conversation from the list to read and reply.</EmptyState>
          </section>
        )}
        {showCustomer ? <CustomerColumn conversationId={selectedId} onOpenConversation={select} /> : null}
      </div>
    </div>
  );
}
