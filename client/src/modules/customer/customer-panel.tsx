import type { ReactNode } from 'react';
import type { CustomerProfile } from '@rapport/shared';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatFullDateTime, formatRelativeTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { Avatar } from '../../ui/avatar';
import { ChannelBadge } from '../../ui/channel-badge';
import { InlineError, Spinner } from '../../ui/feedback';
import { StatusPill } from '../../ui/status-pill';
import { VipBadge } from '../../ui/vip-badge';
import { useCurrentUser } from '../auth/use-session';
import { useConversation } from '../conversation/use-conversation';
import { useConversationTags } from '../conversation/use-conversation-tags';
import { CustomerContactFields } from './customer-contact-fields';
import { CustomerIdentities } from './customer-identities';
import { CustomerLanguageSelect } from './customer-language-select';
import { CustomerMerge } from './customer-merge';
import { CustomerNotesEditor } from './customer-notes-editor';
import { canChangeTier, canManageCustomerData } from './customer-permissions';
import { CustomerPrivacy } from './customer-privacy';
import { SaveError } from './customer-save-error';
import { CustomerVipToggle } from './customer-vip-toggle';
import { TagsEditor } from './tags-editor';
import { useCustomer } from './use-customer';
import { useUpdateCustomer } from './use-update-customer';

interface CustomerPanelProps {
  customerId: string | undefined;
  currentConversationId: string | null;
  onOpenConversation: (id: string) => void;
}

function formatPreference(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel-section">
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function FactRow({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

/** Language (everyone) and tier (supervisors) with their own save state, so one error never hides another. */
function EditableFacts({ profile }: { profile: CustomerProfile }) {
  const user = useCurrentUser();
  const language = useUpdateCustomer(profile.id);
  const tier = useUpdateCustomer(profile.id);
  const preferences = Object.entries(profile.preferences ?? {});
  return (
    <dl className="facts">
      <dt>Language</dt>
      <dd>
        <CustomerLanguageSelect value={profile.preferredLanguage} onChange={(preferredLanguage) => language.mutate({ preferredLanguage })} />
        {profile.preferredLanguageSource === 'learned' ? (
          <span className="muted language-source" data-testid="customer-language-learned" title="Learned from their messages until someone picks one">
            learned
          </span>
        ) : null}
        {language.isError ? <SaveError error={language.error} onDismiss={language.reset} testId="customer-language-error" /> : null}
      </dd>
      <dt>Tier</dt>
      <dd>
        {canChangeTier(user) ? (
          <CustomerVipToggle tier={profile.tier} onChange={(next) => tier.mutate({ tier: next })} />
        ) : (
          <span data-testid="customer-tier">{profile.tier === 'vip' ? 'VIP' : 'Standard'}</span>
        )}
        {tier.isError ? <SaveError error={tier.error} onDismiss={tier.reset} testId="customer-tier-error" /> : null}
      </dd>
      {preferences.map(([key, value]) => (
        <FactRow key={key} label={key} value={formatPreference(value)} />
      ))}
    </dl>
  );
}

function LifetimeFigures({ profile }: { profile: CustomerProfile }) {
  const now = useNow();
  const { conversations, lastContactAt, openNow } = profile.stats;
  return (
    <p className="customer-stats" data-testid="customer-stats">
      <span>
        <strong>{conversations}</strong> conversation{conversations === 1 ? '' : 's'}
      </span>
      {lastContactAt ? (
        <span title={formatFullDateTime(lastContactAt)}>last contact {formatRelativeTime(lastContactAt, now)}</span>
      ) : null}
      <span>
        <strong>{openNow}</strong> open now
      </span>
    </p>
  );
}

/** The customer's tags (everyone edits them) and the open conversation's. */
function Tags({ profile, conversationId }: { profile: CustomerProfile; conversationId: string | null }) {
  const customerTags = useUpdateCustomer(profile.id);
  return (
    <>
      <TagsEditor tags={profile.tags} label="Customer tags" testId="customer-tags" onChange={(tags) => customerTags.mutate({ tags })} />
      {customerTags.isError ? <SaveError error={customerTags.error} onDismiss={customerTags.reset} testId="customer-tags-error" /> : null}
      {conversationId ? <ConversationTags conversationId={conversationId} /> : null}
    </>
  );
}

function ConversationTags({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId).data;
  const update = useConversationTags(conversationId);
  if (!conversation) return null;
  return (
    <div className="conversation-tags">
      <span className="muted">This conversation</span>
      <TagsEditor tags={update.isPending && update.variables ? update.variables : conversation.tags} label="Conversation tags" testId="conversation-tags" onChange={(tags) => update.mutate(tags)} />
      {update.isError ? <SaveError error={update.error} onDismiss={update.reset} testId="conversation-tags-error" /> : null}
    </div>
  );
}

function PastConversations({ profile, currentConversationId, onOpenConversation }: { profile: CustomerProfile } & Omit<CustomerPanelProps, 'customerId'>) {
  const now = useNow();
  if (profile.conversations.length === 0) return <p className="muted">No conversations yet.</p>;
  return (
    <ul className="history-list">
      {profile.conversations.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className={c.id === currentConversationId ? 'history-item is-current' : 'history-item'}
            aria-current={c.id === currentConversationId ? 'true' : undefined}
            onClick={() => onOpenConversation(c.id)}
          >
            <span className="history-top">
              <ChannelBadge kind={c.channelKind} />
              <StatusPill status={c.status} />
              <time dateTime={c.lastMessageAt ?? undefined} title={formatFullDateTime(c.lastMessageAt)}>
                {formatRelativeTime(c.lastMessageAt, now)}
              </time>
            </span>
            <span className="history-preview">{c.lastMessagePreview ?? 'No messages'}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function CustomerPanel({ customerId, currentConversationId, onOpenConversation }: CustomerPanelProps) {
  const customer = useCustomer(customerId);
  const user = useCurrentUser();

  if (customerId === undefined || customer.isPending) {
    return (
      <aside className="column column-customer is-centered" aria-label="Customer" data-testid="customer-panel">
        {customerId === undefined ? null : <Spinner label="Loading customer" />}
      </aside>
    );
  }
  if (customer.isError) {
    return (
      <aside className="column column-customer" aria-label="Customer" data-testid="customer-panel">
        <InlineError onRetry={() => void customer.refetch()}>Could not load the customer: {errorMessage(customer.error)}</InlineError>
      </aside>
    );
  }

  const profile = customer.data;
  return (
    <aside className="column column-customer" aria-label="Customer" data-testid="customer-panel">
      <div className="customer-card">
        <Avatar name={profile.name} size={48} />
        <div>
          <h2 className="customer-name">
            {profile.name}
            <VipBadge tier={profile.tier} testId="vip-badge" />
          </h2>
          <p className="muted">Customer since {formatDate(profile.createdAt)}</p>
          {profile.doNotContact ? (
            <span className="dnc-badge" data-testid="dnc-badge" title="They asked not to be contacted: no public replies, only private notes">
              Do not contact
            </span>
          ) : null}
        </div>
      </div>
      <LifetimeFigures profile={profile} />

      {/* Keyed by customer: a half-typed note or an error never carries over to the next customer. */}
      <EditableFacts key={`facts-${profile.id}`} profile={profile} />

      <Section title="Contact">
        <CustomerContactFields key={`contact-${profile.id}`} profile={profile} />
      </Section>

      <Section title="Tags">
        <Tags key={`tags-${profile.id}`} profile={profile} conversationId={currentConversationId} />
      </Section>

      <Section title={`Accounts (${profile.identities.length})`}>
        <CustomerIdentities key={`identities-${profile.id}`} profile={profile} />
      </Section>

      {/* An erased customer is nobody anymore: there is no one to merge them with. */}
      {profile.erasedAt ? null : (
        <Section title="Same person elsewhere?">
          <CustomerMerge key={`merge-${profile.id}`} profile={profile} />
        </Section>
      )}

      <Section title="Notes">
        <CustomerNotesEditor key={`notes-${profile.id}`} customerId={profile.id} notes={profile.notes} />
      </Section>

      <Section title={`Conversations (${profile.conversations.length})`}>
        <PastConversations profile={profile} currentConversationId={currentConversationId} onOpenConversation={onOpenConversation} />
      </Section>

      {canManageCustomerData(user) ? (
        <Section title="Customer data">
          <CustomerPrivacy key={`privacy-${profile.id}`} profile={profile} />
        </Section>
      ) : null}
    </aside>
  );
}
