import type { User } from '@rapport/shared';
import { ConversationView } from '../modules/conversation/conversation-view';
import { useConversation } from '../modules/conversation/use-conversation';
import { CustomerPanel } from '../modules/customer/customer-panel';
import { InboxSidebar } from '../modules/inbox/inbox-sidebar';
import { EmptyState } from '../ui/feedback';
import { AppHeader } from './app-header';
import { useSelectedConversation } from './use-selected-conversation';
import { useStoredFlag } from './use-stored-flag';

function CustomerColumn({ conversationId, onOpenConversation }: { conversationId: string; onOpenConversation: (id: string) => void }) {
  const conversation = useConversation(conversationId);
  return <CustomerPanel customerId={conversation.data?.customerId} currentConversationId={conversationId} onOpenConversation={onOpenConversation} />;
}

/** The signed-in inbox: conversation list, open thread, customer details. */
export function AppShell({ user }: { user: User }) {
  const [selectedId, select] = useSelectedConversation();
  const [customerPanelOpen, toggleCustomerPanel] = useStoredFlag('rapport.customerPanelOpen', true);
  const showCustomer = selectedId !== null && customerPanelOpen;

  return (
    <div className="app">
      <AppHeader user={user} />
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
