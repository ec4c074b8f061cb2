import type { Channel, UpdateChannelBody } from '@rapport/shared';
import { secretFieldNames } from './channel-fields';

/**
 * What the channel will look like once the server applies a PATCH (optimistic update): config merged,
 * secrets only noted as set, never stored in the cache.
 */
export function patchChannel(channel: Channel, patch: UpdateChannelBody): Channel {
  const next: Channel = { ...channel };
  if (patch.name !== undefined) next.name = patch.name.trim();
  if (patch.teamId !== undefined) next.teamId = patch.teamId;
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  if (patch.config) {
    const secrets = secretFieldNames(channel.kind);
    const config = { ...channel.config };
    const secretFields = new Set(channel.secretFields);
    for (const [field, value] of Object.entries(patch.config)) {
      if (value === undefined) continue;
      if (secrets.includes(field)) secretFields.add(field);
      else config[field] = value;
    }
    next.config = config;
    next.secretFields = [...secretFields].sort();
    if (channel.kind === 'api' && typeof config.key === 'string') next.key = config.key;
  }
  return next;
}

/** Replaces the channel, or adds it at the end (the list is oldest first, as the server sends it). */
export function upsertChannel(channels: Channel[] | undefined, channel: Channel): Channel[] | undefined {
  if (!channels) return channels;
  const index = channels.findIndex((c) => c.id === channel.id);
  if (index === -1) return [...channels, channel];
  return channels.map((c, i) => (i === index ? channel : c));
}

export function removeChannel(channels: Channel[] | undefined, id: string): Channel[] | undefined {
  if (!channels || !channels.some((c) => c.id === id)) return channels;
  return channels.filter((c) => c.id !== id);
}

/** Puts a removed channel back where it was (a refused delete). */
export function restoreChannel(channels: Channel[] | undefined, channel: Channel, index: number): Channel[] | undefined {
  if (!channels || channels.some((c) => c.id === channel.id)) return channels;
  const next = [...channels];
  next.splice(Math.min(Math.max(index, 0), next.length), 0, channel);
  return next;
}

/** Oldest first like the server, with a stable tie-break: channels made together (the demo ones) keep their places. */
export function sortChannels(channels: readonly Channel[]): Channel[] {
  return [...channels].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
