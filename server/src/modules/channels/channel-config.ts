import { z } from 'zod';
import type { ChannelKind } from '@rapport/shared';

const id = z.string().trim().min(1).max(100);
const secret = z.string().min(1).max(1000);
const url = z.string().url().max(500);
const pollIntervalSeconds = z.coerce.number().int().min(1).max(3600).default(30);

/**
 * What each kind of channel needs. `apiBaseUrl` replaces the platform's host (the simulator, tests).
 * Fields listed in SECRET_FIELDS are stored apart and never returned.
 */
export const CHANNEL_CONFIG_SCHEMAS = {
  facebook: z.object({ pageId: id, pageAccessToken: secret, apiBaseUrl: url.optional() }),
  instagram: z.object({ accountId: id, pageId: id.optional(), pageAccessToken: secret, apiBaseUrl: url.optional() }),
  whatsapp: z.object({ phoneNumberId: id, accessToken: secret, apiBaseUrl: url.optional() }),
  x: z.object({ userId: id, accessToken: secret, pollIntervalSeconds, apiBaseUrl: url.optional() }),
  telegram: z.object({ botToken: secret, pollIntervalSeconds, apiBaseUrl: url.optional() }),
  mastodon: z.object({ instanceUrl: url, accessToken: secret, pollIntervalSeconds, apiBaseUrl: url.optional() }),
  api: z.object({ key: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,99}$/i, 'key: letters, digits, - and _ only'), secret, callbackUrl: url.optional() }),
} satisfies Record<ChannelKind, z.ZodObject>;

export const SECRET_FIELDS: Record<ChannelKind, readonly string[]> = {
  facebook: ['pageAccessToken'],
  instagram: ['pageAccessToken'],
  whatsapp: ['accessToken'],
  x: ['accessToken'],
  telegram: ['botToken'],
  mastodon: ['accessToken'],
  api: ['secret'],
};

/** The config field holding the platform account id that shared webhooks address entries to. */
export const ACCOUNT_FIELD: Partial<Record<ChannelKind, string>> = {
  facebook: 'pageId',
  instagram: 'accountId',
  whatsapp: 'phoneNumberId',
  x: 'userId',
};

/** Kinds read by polling, on a job scheduler per channel. */
export const POLLED_KINDS: readonly ChannelKind[] = ['x', 'telegram', 'mastodon'];

/** Splits a validated config into what may be shown and what must stay secret. */
export function splitSecrets(kind: ChannelKind, config: Record<string, unknown>): { config: Record<string, unknown>; secrets: Record<string, string> } {
  const secretFields = SECRET_FIELDS[kind];
  const visible: Record<string, unknown> = {};
  const secrets: Record<string, string> = {};
  for (const [field, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (secretFields.includes(field)) secrets[field] = String(value);
    else visible[field] = value;
  }
  return { config: visible, secrets };
}
