import type { Channel, ChannelKind } from '@rapport/shared';
import { DEFAULT_POLL_INTERVAL_SECONDS } from './channel-fields';

/** Stands for the server's TELEGRAM_WEBHOOK_SECRET, which the browser never knows. */
export const TELEGRAM_SECRET_PLACEHOLDER = '<TELEGRAM_WEBHOOK_SECRET>';

/** How messages of a channel reach Rapport, and what to configure on the platform. */
export interface ChannelIntake {
  /** The URL to enter on the platform; null when Rapport fetches the messages itself. */
  webhookUrl: string | null;
  /** Seconds between polls when Rapport polls the platform (X mentions, Telegram, Mastodon). */
  pollSeconds: number | null;
  /** A webhook that may replace polling (Telegram); contains a placeholder the admin fills in. */
  alternativeWebhookUrl: string | null;
}

const SHARED_WEBHOOK_PATH: Partial<Record<ChannelKind, string>> = {
  facebook: '/webhooks/meta',
  instagram: '/webhooks/meta',
  whatsapp: '/webhooks/whatsapp',
  x: '/webhooks/x',
};

const POLLED: readonly ChannelKind[] = ['x', 'telegram', 'mastodon'];

function trimOrigin(origin: string): string {
  return origin.replace(/\/+$/, '');
}

function pollSecondsOf(config: Record<string, unknown>): number {
  const value = Number(config.pollIntervalSeconds);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_POLL_INTERVAL_SECONDS;
}

export function channelIntake(channel: Pick<Channel, 'id' | 'kind' | 'key' | 'config'>, origin: string): ChannelIntake {
  const base = trimOrigin(origin);
  const pollSeconds = POLLED.includes(channel.kind) ? pollSecondsOf(channel.config) : null;
  const shared = SHARED_WEBHOOK_PATH[channel.kind];
  if (shared) return { webhookUrl: `${base}${shared}`, pollSeconds, alternativeWebhookUrl: null };
  if (channel.kind === 'api') {
    const key = channel.key ?? (typeof channel.config.key === 'string' ? channel.config.key : '');
    return { webhookUrl: key ? `${base}/webhooks/api/${encodeURIComponent(key)}` : null, pollSeconds, alternativeWebhookUrl: null };
  }
  if (channel.kind === 'telegram') {
    return {
      webhookUrl: null,
      pollSeconds,
      alternativeWebhookUrl: `${base}/webhooks/telegram/${TELEGRAM_SECRET_PLACEHOLDER}?channel=${encodeURIComponent(channel.id)}`,
    };
  }
  return { webhookUrl: null, pollSeconds, alternativeWebhookUrl: null };
}
