import type { Conversation, Message } from '@rapport/shared';
import type { ConversationEntity } from './conversation.entity.js';
import type { MessageEntity } from './message.entity.js';
import type { CustomerIdentityEntity } from '../customers/customer-identity.entity.js';
import type { CustomerEntity } from '../customers/customer.entity.js';

/** A conversation loaded with its channel, customer and identity (see ConversationsRepository.withRelations). */
export type LoadedConversation = ConversationEntity & Required<Pick<ConversationEntity, 'channel' | 'customer' | 'identity'>>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Until a person or the platform's profile names the customer, the inbox shows who they are on this channel. */
export function customerName(customer: Pick<CustomerEntity, 'name'>, identity: Pick<CustomerIdentityEntity, 'displayName' | 'handle' | 'externalId'>): string {
  return customer.name ?? identity.displayName ?? identity.handle ?? identity.externalId;
}

export function toConversationDto(c: LoadedConversation): Conversation {
  return {
    id: c.id,
    channelId: c.channelId,
    channelKind: c.channel.kind,
    channelName: c.channel.name,
    customerId: c.customerId,
    customer: {
      id: c.customer.id,
      name: customerName(c.customer, c.identity),
      handle: c.identity.handle ?? c.identity.externalId,
      avatarUrl: c.identity.avatarUrl,
      tier: c.customer.tier,
    },
    status: c.status,
    priority: c.priority,
    prioritySignals: c.prioritySignals,
    language: c.language,
    tags: c.tags,
    slaDeadline: iso(c.slaDeadline),
    sla: c.sla ?? null,
    assigneeId: c.assigneeId,
    assignee: c.assignee ? { id: c.assignee.id, name: c.assignee.name } : null,
    teamId: c.teamId,
    isPublic: c.isPublic,
    firstMessageAt: iso(c.firstMessageAt),
    lastMessageAt: iso(c.lastMessageAt),
    lastMessagePreview: c.lastMessagePreview,
    waitingSince: iso(c.waitingSince),
    unreadCount: c.unreadCount,
    snoozedUntil: iso(c.snoozedUntil),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** `customerName` names inbound messages; agent messages are named by their author relation. */
export function toMessageDto(m: MessageEntity, customerName: string | null): Message {
  return {
    id: m.id,
    conversationId: m.conversationId,
    direction: m.direction,
    authorType: m.authorType,
    authorId: m.authorId,
    authorName: m.authorType === 'customer' ? customerName : (m.author?.name ?? null),
    private: m.private,
    text: m.text,
    attachments: m.attachments,
    status: m.status,
    error: m.error,
    externalId: m.externalId,
    clientId: m.clientId,
    sentAt: m.sentAt.toISOString(),
    createdAt: m.createdAt.toISOString(),
  };
}

export const preview = (text: string, attachments: unknown[]): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat) return flat.length > 280 ? `${flat.slice(0, 279)}…` : flat;
  return attachments.length ? '[attachment]' : '';
};
