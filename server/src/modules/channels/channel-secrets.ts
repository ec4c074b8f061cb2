import { DEMO_SECRETS_KEY, type AppConfig } from '../../config/env.js';
import { isSealed, SecretBox, SecretOpenError, secretsKeyBytes } from './secret-box.js';

/**
 * What the `channels.secrets` column holds: the channel's secret fields as JSON, sealed. Rows from before
 * sealing (and rows written straight to the table) hold the JSON itself until the next start seals them.
 */
export type SecretFields = Record<string, string>;

/** Names the channel, never a value: for startup errors and logs. */
export class ChannelSecretsError extends Error {}

function keyFrom(text: string, variable: string): Buffer {
  const key = secretsKeyBytes(text);
  if (!key) throw new Error(`${variable}: 32 bytes as base64 or 64 hex characters`);
  return key;
}

/** The box of this deployment: SECRETS_KEY seals, SECRETS_KEY_PREVIOUS keys only open. */
export function secretBoxFrom(config: Pick<AppConfig, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>): SecretBox {
  const previous = (config.SECRETS_KEY_PREVIOUS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key !== '')
    .map((key) => keyFrom(key, 'SECRETS_KEY_PREVIOUS'));
  return new SecretBox(keyFrom(config.SECRETS_KEY, 'SECRETS_KEY'), previous);
}

export function usesDemoSecretsKey(config: Pick<AppConfig, 'SECRETS_KEY'>): boolean {
  return config.SECRETS_KEY === DEMO_SECRETS_KEY;
}

export function sealSecrets(box: SecretBox, secrets: SecretFields): string {
  return box.seal(JSON.stringify(secrets));
}

function secretFields(json: string): SecretFields | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, v]) => typeof v === 'string') ? (Object.fromEntries(entries) as SecretFields) : null;
}

/** The channel's secret fields; throws ChannelSecretsError naming the channel (never a value) when they do not open. */
export function openSecrets(box: SecretBox, stored: string | null | undefined, channel: { id: string; name?: string }): SecretFields {
  const label = channel.name ? `Channel "${channel.name}" (${channel.id})` : `Channel ${channel.id}`;
  if (stored === null || stored === undefined || stored === '') return {};
  let json = stored;
  if (isSealed(stored)) {
    try {
      json = box.open(stored);
    } catch (err) {
      if (err instanceof SecretOpenError) throw new ChannelSecretsError(`${label}: its secrets do not open: ${err.message}`);
      throw err;
    }
  }
  const fields = secretFields(json);
  if (!fields) throw new ChannelSecretsError(`${label}: its secrets are neither sealed nor a JSON object of strings`);
  return fields;
}

/**
 * What a start does to one stored value: nothing when the current key sealed it, else the value sealed
 * again with the current key (plaintext from before sealing, or a previous key's value after a rotation).
 */
export function resealed(box: SecretBox, stored: string | null, channel: { id: string; name?: string }): { value: string; was: 'plaintext' | 'previous key' } | null {
  if (stored !== null && isSealed(stored) && box.isCurrent(stored)) {
    // Opened anyway: a value changed in the table fails the start now, not the first webhook.
    openSecrets(box, stored, channel);
    return null;
  }
  const was = stored !== null && isSealed(stored) ? 'previous key' : 'plaintext';
  return { value: sealSecrets(box, openSecrets(box, stored, channel)), was };
}
