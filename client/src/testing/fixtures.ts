import type { Agent, Assignment, Channel, Conversation, CustomerProfile, Message, Team } from '@rapport/shared';

/** Plain data builders for unit tests of the cache logic. */
export function makeConversation(overrides: Partial<Conversation> & { id: string }): Conversation {
  return {
    channelId: 'channel-1',
    channelKind: 'api',
    channelName: 'Demo API',
    customerId: `customer-${overrides.id}`,
    customer: { id: `customer-${overrides.id}`, name: `Customer ${overrides.id}`, handle: null, avatarUrl: null, tier: 'standard' },
    status: 'open',
    priority: 'normal',
    prioritySignals: [],
    language: null,
    tags: [],
    slaDeadline: null,
    sla: null,
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

export function makeAgent(overrides: Partial<Agent> & { id: string }): Agent {
  return {
    name: `Agent ${overrides.id}`,
    email: `${overrides.id}@rapport.test`,
    role: 'agent',
    capacity: null,
    effectiveCapacity: 5,
    skills: [],
    languages: [],
    teamIds: ['team-1'],
    autoAssign: true,
    presence: 'online',
    openCount: 0,
    oldestWaitingSince: null,
    ...overrides,
  };
}

export function makeTeam(overrides: Partial<Team> & { id: string }): Team {
  return {
    name: `Team ${overrides.id}`,
    strategy: 'least_loaded',
    defaultCapacity: 5,
    timezone: 'UTC',
    businessHours: {},
    holidays: [],
    slaBreachAction: 'notify',
    channelIds: [],
    memberIds: [],
    waitingCount: 0,
    ...overrides,
  };
}

export function makeAssignment(overrides: Partial<Assignment> & { id: string }): Assignment {
  return {
    conversationId: 'conv-1',
    fromUserId: null,
    toUserId: null,
    teamId: null,
    byUserId: null,
    reason: 'manual',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeChannel(overrides: Partial<Channel> & { id: string }): Channel {
  return {
    kind: 'telegram',
    name: `Channel ${overrides.id}`,
    key: null,
    config: {},
    secretFields: [],
    teamId: null,
    enabled: true,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}

export function makeCustomerProfile(overrides: Partial<CustomerProfile> & { id: string }): CustomerProfile {
  return {
    name: `Customer ${overrides.id}`,
    tier: 'standard',
    preferredLanguage: null,
    preferredLanguageSource: null,
    preferences: {},
    notes: null,
    timezone: null,
    contactHours: null,
    tags: [],
    doNotContact: false,
    email: null,
    phone: null,
    identities: [],
    conversations: [],
    stats: { conversations: 0, lastContactAt: null, openNow: 0 },
    createdAt: '2025-01-01T10:00:00.000Z',
    ...overrides,
  };
}
