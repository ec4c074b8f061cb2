import type { ExportedCustomer, ExportedIdentity, ExportedMessage } from '@rapport/shared';
import type { CustomerIdentityEntity } from '../../customers/customer-identity.entity.js';
import type { CustomerEntity } from '../../customers/customer.entity.js';

/** The download's name: the customer's id, never their name. */
export const exportFileName = (customerId: string): string => `customer-${customerId}.json`;

/**
 * An object's JSON with an array member left open at the end, so that its items can be written one page
 * at a time: `{"id":"c1"}` → `{"id":"c1","messages":[`. Close it with `]}`.
 */
export function openArrayIn(objectJson: string, key: string): string {
  if (!objectJson.startsWith('{') || !objectJson.endsWith('}')) throw new Error('openArrayIn: not the JSON of an object');
  const head = objectJson.slice(0, -1);
  return `${head}${head === '{' ? '' : ','}${JSON.stringify(key)}:[`;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toExportedCustomer(c: CustomerEntity): ExportedCustomer {
  return {
    id: c.id,
    name: c.name,
    tier: c.tier,
    preferredLanguage: c.preferredLanguage,
    preferredLanguageSource: c.preferredLanguageSource,
    languageCounts: c.languageCounts,
    timezone: c.timezone,
    contactHours: c.contactHours,
    tags: c.tags,
    notes: c.notes,
    preferences: c.preferences,
    doNotContact: c.doNotContact,
    email: c.email,
    phone: c.phone,
    erasedAt: iso(c.erasedAt),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function toExportedIdentity(i: CustomerIdentityEntity): ExportedIdentity {
  return {
    id: i.id,
    channelId: i.channelId,
    channelKind: i.channel.kind,
    channelName: i.channel.name,
    externalId: i.externalId,
    handle: i.handle,
    displayName: i.displayName,
    avatarUrl: i.avatarUrl,
    createdAt: i.createdAt.toISOString(),
  };
}

/** One stored message as the messages page reads it (snake_case columns, the agent's name joined). */
export interface MessageRow {
  id: string;
  direction: ExportedMessage['direction'];
  author_type: ExportedMessage['authorType'];
  author_id: string | null;
  agent_name: string | null;
  private: boolean;
  text: string;
  attachments: ExportedMessage['attachments'];
  status: ExportedMessage['status'];
  error: string | null;
  external_id: string | null;
  platform_meta: Record<string, string>;
  sent_at: Date;
  created_at: Date;
}

/** Customer messages are named as the conversation names the customer; the others by their agent. */
export function toExportedMessage(m: MessageRow, customerName: string | null): ExportedMessage {
  return {
    id: m.id,
    direction: m.direction,
    authorType: m.author_type,
    authorId: m.author_id,
    authorName: m.author_type === 'customer' ? customerName : m.agent_name,
    private: m.private,
    text: m.text,
    attachments: m.attachments,
    status: m.status,
    error: m.error,
    externalId: m.external_id,
    platformMeta: m.platform_meta,
    sentAt: m.sent_at.toISOString(),
    createdAt: m.created_at.toISOString(),
  };
}
