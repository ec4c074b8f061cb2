import type { Channel, ChannelKind, CreateChannelBody, UpdateChannelBody } from '@rapport/shared';
import type { Built } from '../../ui/use-save-form';
import { channelFields, type ChannelField } from './channel-fields';

/** What the channel form holds: every input as typed. */
export interface ChannelFormValues {
  kind: ChannelKind;
  name: string;
  /** NO_TEAM for none. */
  teamId: string;
  enabled: boolean;
  /** Field name → text. Secrets start empty (write-only). Fields of other kinds are ignored. */
  config: Record<string, string>;
}

export const NO_TEAM = '';

export function emptyFormValues(kind: ChannelKind, teamId: string = NO_TEAM): ChannelFormValues {
  return { kind, name: '', teamId, enabled: true, config: {} };
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * The visible config as stored. An API channel's key also lives in its own column, and channels made
 * before keys were kept in the config (the demo one) have it only there.
 */
export function storedConfig(channel: Pick<Channel, 'kind' | 'key' | 'config'>): Record<string, unknown> {
  if (channel.kind !== 'api' || !isAbsent(channel.config.key) || channel.key === null) return channel.config;
  return { ...channel.config, key: channel.key };
}

/** The form for editing a stored channel: its visible config as text, every secret empty ("keep"). */
export function formValuesOf(channel: Channel): ChannelFormValues {
  const stored = storedConfig(channel);
  const config: Record<string, string> = {};
  for (const field of channelFields(channel.kind)) config[field.name] = field.secret ? '' : asText(stored[field.name]);
  return { kind: channel.kind, name: channel.name, teamId: channel.teamId ?? NO_TEAM, enabled: channel.enabled, config };
}

type FieldValue = { ok: true; value: string | number | undefined } | { ok: false; error: string };

/** One input read as the server wants it: trimmed, numbers as numbers, empty as undefined. */
function readField(field: ChannelField, raw: string | undefined): FieldValue {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, value: undefined };
  if (field.type === 'number') {
    if (!/^\d+$/.test(text)) return { ok: false, error: `${field.label} must be a whole number` };
    return { ok: true, value: Number(text) };
  }
  return { ok: true, value: text };
}

function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function sameValue(stored: unknown, next: string | number): boolean {
  if (typeof next === 'number') return Number(stored) === next;
  return asText(stored) === next;
}

/**
 * The `config` of a PATCH: only fields that change. A secret is sent only when typed (empty keeps it);
 * clearing a field with a default (poll interval) restores the default. The server merges configs, so
 * a required field cannot be emptied and an optional one cannot be removed once set: both are refused
 * here with a message rather than silently kept.
 */
export function diffChannelConfig(
  channel: Pick<Channel, 'kind' | 'key' | 'config'>,
  values: Record<string, string>,
): { ok: true; config: Record<string, unknown> } | { ok: false; error: string } {
  const stored = storedConfig(channel);
  const config: Record<string, unknown> = {};
  for (const field of channelFields(channel.kind)) {
    const read = readField(field, values[field.name]);
    if (!read.ok) return read;
    if (field.secret) {
      if (read.value !== undefined) config[field.name] = read.value;
      continue;
    }
    const original = stored[field.name];
    let next = read.value;
    if (next === undefined) {
      if (isAbsent(original)) continue;
      if (field.defaultValue !== undefined) next = field.defaultValue;
      else if (field.required) return { ok: false, error: `${field.label} is required` };
      else return { ok: false, error: `${field.label} cannot be removed once set; enter another value or keep it` };
    }
    if (!sameValue(original, next)) config[field.name] = next;
  }
  // The server validates the merged config, which lacks the key when only the column has it: send it along.
  if (Object.keys(config).length > 0 && stored !== channel.config && config.key === undefined) config.key = stored.key;
  return { ok: true, config };
}

/** The POST body of a new channel, or the first problem to fix. */
export function buildChannelCreate(values: ChannelFormValues): Built<CreateChannelBody> {
  const name = values.name.trim();
  if (name === '') return { ok: false, error: 'Name is required' };
  const config: Record<string, unknown> = {};
  for (const field of channelFields(values.kind)) {
    const read = readField(field, values.config[field.name]);
    if (!read.ok) return read;
    if (read.value === undefined) {
      if (field.required) return { ok: false, error: `${field.label} is required` };
      continue;
    }
    config[field.name] = read.value;
  }
  return { ok: true, body: { kind: values.kind, name, config, teamId: values.teamId === NO_TEAM ? null : values.teamId, enabled: values.enabled } };
}

/** The PATCH body of an edit (only what changed; null when nothing did), or the first problem to fix. */
export function buildChannelUpdate(channel: Channel, values: ChannelFormValues): Built<UpdateChannelBody | null> {
  const body: UpdateChannelBody = {};
  const name = values.name.trim();
  if (name === '') return { ok: false, error: 'Name is required' };
  if (name !== channel.name) body.name = name;
  const teamId = values.teamId === NO_TEAM ? null : values.teamId;
  if (teamId !== channel.teamId) body.teamId = teamId;
  const diff = diffChannelConfig(channel, values.config);
  if (!diff.ok) return diff;
  if (Object.keys(diff.config).length > 0) body.config = diff.config;
  return { ok: true, body: Object.keys(body).length > 0 ? body : null };
}
