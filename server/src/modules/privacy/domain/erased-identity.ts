import { createHash } from 'node:crypto';
import type { ChannelKind } from '@rapport/shared';
import { ACCOUNT_FIELD } from '../../channels/channel-config.js';

/** Where a kind keeps the account a channel speaks for, besides the shared-webhook ids of ACCOUNT_FIELD. */
const OTHER_ACCOUNT_FIELD: Partial<Record<ChannelKind, string>> = { mastodon: 'instanceUrl', api: 'key' };

/**
 * The platform account a channel speaks for (a page, a phone number, a bot, an instance): the same person
 * writing to the same account is the same identity even if the channel is set up again. A kind without
 * one in its settings (a Telegram bot's token is secret) falls back to the channel itself.
 */
export function channelAccount(channel: { id: string; kind: ChannelKind; config: Record<string, unknown> }): string {
  const field = ACCOUNT_FIELD[channel.kind] ?? OTHER_ACCOUNT_FIELD[channel.kind];
  const value = field ? channel.config[field] : undefined;
  return typeof value === 'string' && value !== '' ? value : channel.id;
}

/** What an erased identity is remembered as: sha256 of kind, account and platform id, in hex; nothing readable. */
export function erasedIdentityHash(identity: { kind: ChannelKind; account: string; externalId: string }): string {
  // Separated by a character none of them holds, so ("a", "bc") and ("ab", "c") differ.
  return createHash('sha256').update(`${identity.kind}\u0000${identity.account}\u0000${identity.externalId}`).digest('hex');
}

/** An erased identity row keeps this and its own id as its platform id: unique per channel (as the column must be), and no one's. */
export const ERASED_ID_PREFIX = 'erased:';

export const erasedExternalId = (identityId: string): string => `${ERASED_ID_PREFIX}${identityId}`;

export const isErasedExternalId = (externalId: string): boolean => externalId.startsWith(ERASED_ID_PREFIX);
