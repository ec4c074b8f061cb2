/** Domain vocabularies shared by server and client. Each is a const list plus its union type. */

export const ROLES = ['agent', 'lead', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that see every conversation and may reassign any of them. */
export const SUPERVISOR_ROLES: readonly Role[] = ['lead', 'manager', 'admin'];

export const CHANNEL_KINDS = ['facebook', 'instagram', 'whatsapp', 'x', 'telegram', 'mastodon', 'api'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const MESSAGE_DIRECTIONS = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];

export const AUTHOR_TYPES = ['customer', 'agent', 'system'] as const;
export type AuthorType = (typeof AUTHOR_TYPES)[number];

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const CUSTOMER_TIERS = ['standard', 'vip'] as const;
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];

export const PRESENCE_STATUSES = ['online', 'away', 'offline'] as const;
export type PresenceStatus = (typeof PRESENCE_STATUSES)[number];
