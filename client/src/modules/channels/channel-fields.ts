import type { Channel, ChannelKind } from '@rapport/shared';

export type ChannelFieldType = 'text' | 'url' | 'number';

/** One config field of a channel kind, as the form shows it (mirrors the server's per-kind schema). */
export interface ChannelField {
  name: string;
  label: string;
  type: ChannelFieldType;
  /** Write-only: sent when typed, never shown; empty on edit keeps the stored value. */
  secret: boolean;
  required: boolean;
  /** What the server stores when the field is left empty (poll interval); clearing the field restores it. */
  defaultValue?: number;
  /** Rarely changed (the platform host, for the simulator and tests): shown under "Advanced". */
  advanced?: boolean;
  /** Set on the platform account id (or key) shown in the list, as its short label; shared webhooks route by it. */
  account?: string;
  hint?: string;
  placeholder?: string;
}

export const DEFAULT_POLL_INTERVAL_SECONDS = 30;

const apiBaseUrl: ChannelField = {
  name: 'apiBaseUrl',
  label: 'API base URL',
  type: 'url',
  secret: false,
  required: false,
  advanced: true,
  hint: "Replaces the platform's host (the simulator, tests).",
  placeholder: 'https://…',
};

const pollInterval: ChannelField = {
  name: 'pollIntervalSeconds',
  label: 'Poll every (seconds)',
  type: 'number',
  secret: false,
  required: false,
  defaultValue: DEFAULT_POLL_INTERVAL_SECONDS,
  hint: '1 to 3600.',
  placeholder: String(DEFAULT_POLL_INTERVAL_SECONDS),
};

const text = (name: string, label: string, extra: Partial<ChannelField> = {}): ChannelField => ({ name, label, type: 'text', secret: false, required: true, ...extra });
const secret = (name: string, label: string): ChannelField => ({ name, label, type: 'text', secret: true, required: true });

export const CHANNEL_FIELDS: Record<ChannelKind, readonly ChannelField[]> = {
  facebook: [text('pageId', 'Page ID', { account: 'Page' }), secret('pageAccessToken', 'Page access token'), apiBaseUrl],
  instagram: [
    text('accountId', 'Instagram account ID', { account: 'Account' }),
    text('pageId', 'Linked Page ID', { required: false, hint: 'The Facebook Page the account is linked to.' }),
    secret('pageAccessToken', 'Page access token'),
    apiBaseUrl,
  ],
  whatsapp: [text('phoneNumberId', 'Phone number ID', { account: 'Phone number ID' }), secret('accessToken', 'Access token'), apiBaseUrl],
  x: [text('userId', 'User ID', { account: 'User ID', hint: 'The numeric id of the brand account.' }), secret('accessToken', 'Access token'), pollInterval, apiBaseUrl],
  telegram: [secret('botToken', 'Bot token'), pollInterval, apiBaseUrl],
  mastodon: [
    text('instanceUrl', 'Instance URL', { type: 'url', account: 'Instance', placeholder: 'https://mastodon.social' }),
    secret('accessToken', 'Access token'),
    pollInterval,
    apiBaseUrl,
  ],
  api: [
    text('key', 'Key', { account: 'Key', hint: 'Letters, digits, - and _; part of the webhook URL.', placeholder: 'shop' }),
    secret('secret', 'Signing secret'),
    text('callbackUrl', 'Callback URL', { type: 'url', required: false, hint: 'Where replies are POSTed, signed with the secret.', placeholder: 'https://…' }),
  ],
};

export function channelFields(kind: ChannelKind): readonly ChannelField[] {
  return CHANNEL_FIELDS[kind] ?? [];
}

export function secretFieldNames(kind: ChannelKind): string[] {
  return channelFields(kind)
    .filter((f) => f.secret)
    .map((f) => f.name);
}

/** The account a channel listens for ("Page 1234", "Key shop"); null for kinds without one (Telegram). */
export function channelAccount(channel: Pick<Channel, 'kind' | 'key' | 'config'>): { label: string; value: string } | null {
  const field = channelFields(channel.kind).find((f) => f.account !== undefined);
  if (!field?.account) return null;
  const raw = channel.kind === 'api' ? (channel.key ?? channel.config[field.name]) : channel.config[field.name];
  if (raw === undefined || raw === null || raw === '') return null;
  return { label: field.account, value: String(raw) };
}

/** Secrets of the kind that are set, in the kind's order (the server lists only names, never values). */
export function setSecrets(channel: Pick<Channel, 'kind' | 'secretFields'>): ChannelField[] {
  return channelFields(channel.kind).filter((f) => f.secret && channel.secretFields.includes(f.name));
}
