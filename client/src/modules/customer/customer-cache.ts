import type { Conversation, CustomerProfile } from '@rapport/shared';

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
