import type { Conversation, CustomerProfile } from '@rapport/shared';

type ProfileConversation = CustomerProfile['conversations'][number];

const time = (iso: string | null): number => (iso ? Date.parse(iso) : 0);

/** The customer's other conversations, on any channel, that were quiet before this one began; oldest first, for reading down to it. */
export function earlierConversations(conversations: ProfileConversation[], current: Pick<Conversation, 'id' | 'firstMessageAt' | 'createdAt'>): ProfileConversation[] {
  const began = time(current.firstMessageAt ?? current.createdAt);
  return conversations.filter((c) => c.id !== current.id && time(c.lastMessageAt) <= began).sort((a, b) => time(a.lastMessageAt) - time(b.lastMessageAt));
}
