/** Customers' data under their control: what an export holds, what an erasure leaves behind. */
import { z } from 'zod';
import type { Attachment, ContactHours, Conversation, PreferredLanguageSource } from './api.js';
import type { AuthorType, ChannelKind, CustomerTier, MessageDirection, MessageStatus } from './domain.js';

/** What an erased customer is called everywhere they were named. */
export const ERASED_CUSTOMER_NAME = 'Erased customer';
/** What erased message texts, previews and follow-up notes read. */
export const ERASED_TEXT = '[erased]';

/** `POST /api/customers/:id/erase`: the body must say so, so it is never one stray click. */
export const eraseCustomerBody = z.object({
  confirm: z.literal(true, { message: 'confirm must be true: erasing a customer cannot be undone' }),
});
export type EraseCustomerBody = z.infer<typeof eraseCustomerBody>;

/** What an erasure touched. */
export interface EraseResult {
  conversations: number;
  messages: number;
  identities: number;
}

export interface ExportedCustomer {
  id: string;
  name: string | null;
  tier: CustomerTier;
  preferredLanguage: string | null;
  preferredLanguageSource: PreferredLanguageSource | null;
  languageCounts: Record<string, number>;
  timezone: string | null;
  contactHours: ContactHours | null;
  tags: string[];
  notes: string | null;
  preferences: Record<string, unknown>;
  doNotContact: boolean;
  email: string | null;
  phone: string | null;
  erasedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ExportedIdentity {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  externalId: string;
  handle: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  createdAt: string;
}

export interface ExportedMessage {
  id: string;
  direction: MessageDirection;
  authorType: AuthorType;
  authorId: string | null;
  authorName: string | null;
  private: boolean;
  text: string;
  attachments: Attachment[];
  status: MessageStatus;
  error: string | null;
  externalId: string | null;
  platformMeta: Record<string, string>;
  sentAt: string;
  createdAt: string;
}

export interface ExportedFollowUp {
  id: string;
  conversationId: string;
  note: string;
  dueAt: string;
  status: string;
  createdById: string | null;
  createdAt: string;
}

export interface ExportedMerge {
  id: string;
  targetId: string;
  sourceId: string;
  identityIds: string[];
  byUserId: string | null;
  createdAt: string;
  /** The customer folded in, as its tombstone still remembers them (null once gone). */
  source: ExportedCustomer | null;
}

/** `GET /api/customers/:id/export`: everything Rapport holds about the customer, as one JSON document. */
export interface CustomerExport {
  exportedAt: string;
  customer: ExportedCustomer;
  identities: ExportedIdentity[];
  merges: ExportedMerge[];
  followUps: ExportedFollowUp[];
  conversations: Array<Conversation & { messages: ExportedMessage[] }>;
}
