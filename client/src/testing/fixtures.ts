import type { Conversation, Message } from '@rapport/shared';

/** Plain data builders for unit tests of the cache logic. */
export function makeConversation(overrides: Partial<Conversation> & { id: string }): Conversation {
  return {
    channelId: 'channel-1',
    channelKind: 'api',
    channelName: 'Demo API',
    customerId: `customer-${overrides.id}`,
    customer: { id: `customer-${overrides.id}`, name: `Customer ${overrides.id}`, handle: null, tier: 'standard' },
    status: 'open',
    priority: 'normal',
    assigneeId: null,
    assignee: null,
    teamId: null,
    isPublic: false,
    firstMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessageAt: '2025-01-01T10:00:00.000Z',
    lastMessagePreview: 'Hello',
    waitingSince: null,
    unreadCount: 0,
    snoozedUntil: null,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<Message> & { id: string }): Message {
  return {
    conversationId: 'conv-1',
    direction: 'inbound',
    authorType: 'customer',
    authorId: null,
    authorName: 'Ada',
    private: false,
    text: 'Hello',
    attachments: [],
    status: 'delivered',
    error: null,
    externalId: null,
    clientId: null,
    sentAt: '2025-01-01T10:00:00.000Z',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function minutesAfter(minutes: number): string {
  return new Date(Date.parse('2025-01-01T10:00:00.000Z') + minutes * 60_000).toISOString();
}
