import type { Conversation, CustomerProfile, CustomerTier } from '@rapport/shared';
import type { ConversationPages } from '../inbox/conversation-cache';

type ProfileConversation = CustomerProfile['conversations'][number];

function toProfileConversation(c: Conversation): ProfileConversation {
  return {
    id: c.id,
    channelId: c.channelId,
    channelKind: c.channelKind,
    status: c.status,
    lastMessageAt: c.lastMessageAt,
    lastMessagePreview: c.lastMessagePreview,
  };
}

function sameRow(a: ProfileConversation, b: ProfileConversation): boolean {
  return a.status === b.status && a.lastMessageAt === b.lastMessageAt && a.lastMessagePreview === b.lastMessagePreview && a.channelKind === b.channelKind;
}

/** Keeps a customer's conversation history current (newest first); same object back when nothing changed. */
export function applyConversationToProfile(profile: CustomerProfile | undefined, conversation: Conversation): CustomerProfile | undefined {
  if (!profile || profile.id !== conversation.customerId) return profile;
  const row = toProfileConversation(conversation);
  const existing = profile.conversations.find((c) => c.id === conversation.id);
  if (existing && sameRow(existing, row)) return profile;
  const others = profile.conversations.filter((c) => c.id !== conversation.id);
  const time = (c: ProfileConversation) => (c.lastMessageAt ? Date.parse(c.lastMessageAt) : 0);
  return { ...profile, conversations: [row, ...others].sort((a, b) => time(b) - time(a)) };
}

/** The customer's tier as a conversation shows it (the VIP badge in lists); same object when unchanged. */
export function withCustomerTier(conversation: Conversation, customerId: string, tier: CustomerTier): Conversation {
  if (conversation.customerId !== customerId || conversation.customer.tier === tier) return conversation;
  return { ...conversation, customer: { ...conversation.customer, tier } };
}

/** Applies a tier change to one cached inbox list; same object back when no row is this customer's. */
export function applyCustomerTierToPages(data: ConversationPages | undefined, customerId: string, tier: CustomerTier): ConversationPages | undefined {
  if (!data) return data;
  let changed = false;
  const pages = data.pages.map((page) => {
    const items = page.items.map((c) => withCustomerTier(c, customerId, tier));
    if (items.every((c, i) => c === page.items[i])) return page;
    changed = true;
    return { ...page, items };
  });
  return changed ? { ...data, pages } : data;
}
