import type { ChannelKind } from '@rapport/shared';

const CHANNEL_LABELS: Record<ChannelKind, { short: string; name: string }> = {
  facebook: { short: 'FB', name: 'Facebook' },
  instagram: { short: 'IG', name: 'Instagram' },
  whatsapp: { short: 'WA', name: 'WhatsApp' },
  x: { short: 'X', name: 'X' },
  telegram: { short: 'TG', name: 'Telegram' },
  mastodon: { short: 'MA', name: 'Mastodon' },
  api: { short: 'API', name: 'API' },
};

export function channelName(kind: ChannelKind): string {
  return CHANNEL_LABELS[kind]?.name ?? kind;
}

export function ChannelBadge({ kind, long = false, title }: { kind: ChannelKind; long?: boolean; title?: string }) {
  const label = CHANNEL_LABELS[kind] ?? { short: kind, name: kind };
  return (
    <span className={`channel-badge channel-${kind}`} title={title ?? label.name} data-channel={kind}>
      {long ? label.name : label.short}
    </span>
  );
}
