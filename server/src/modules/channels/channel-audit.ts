import type { ChannelKind } from '@rapport/shared';
import { changedFields, type FieldChange } from '../../common/changed-fields.js';
import type { SecretFields } from './channel-secrets.js';

/** A channel as the audit log compares it; secrets are only ever named, never recorded. */
export interface ChannelSnapshot {
  kind: ChannelKind;
  name: string;
  teamId: string | null;
  enabled: boolean;
  config: Record<string, unknown>;
  secrets: SecretFields;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Secret fields set, replaced or removed between two states, by name. */
export function changedSecrets(before: SecretFields, after: SecretFields): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

/** `channel.created`: what was set up, and which secrets were given. */
export function createdDetails(channel: ChannelSnapshot): Record<string, unknown> {
  return { kind: channel.kind, name: channel.name, teamId: channel.teamId, enabled: channel.enabled, config: channel.config, secretsChanged: Object.keys(channel.secrets).sort() };
}

/**
 * `channel.updated`, as users and teams record theirs: `fields` names what changed (config fields as
 * `config.<name>`), each visible field with `{ from, to }` (a removed config field goes to null), and the
 * secrets that changed by name only; null when nothing did.
 */
export function updatedDetails(before: ChannelSnapshot, after: ChannelSnapshot): Record<string, unknown> | null {
  const visible = changedFields({ name: before.name, teamId: before.teamId, enabled: before.enabled }, { name: after.name, teamId: after.teamId, enabled: after.enabled });
  const config: Record<string, FieldChange> = {};
  for (const field of new Set([...Object.keys(before.config), ...Object.keys(after.config)])) {
    if (!same(before.config[field], after.config[field])) config[field] = { from: before.config[field] ?? null, to: after.config[field] ?? null };
  }
  const secrets = changedSecrets(before.secrets, after.secrets);
  const fields = [...Object.keys(visible), ...Object.keys(config).map((field) => `config.${field}`)];
  if (fields.length === 0 && secrets.length === 0) return null;
  return { fields, ...visible, ...(Object.keys(config).length > 0 ? { config } : {}), ...(secrets.length > 0 ? { secretsChanged: secrets } : {}) };
}

/** `channel.deleted`: enough to tell which channel it was once the row is gone. */
export function deletedDetails(channel: ChannelSnapshot): Record<string, unknown> {
  return { kind: channel.kind, name: channel.name, teamId: channel.teamId };
}
