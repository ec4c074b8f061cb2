import type { EntityManager } from 'typeorm';
import { ChannelSecretsError, resealed } from './channel-secrets.js';
import { isSealed, type SecretBox } from './secret-box.js';

export interface ResealOutcome {
  /** Rows that held their secrets as plain JSON (from before sealing, or written straight to the table). */
  plaintext: number;
  /** Rows sealed with a key from SECRETS_KEY_PREVIOUS. */
  rotated: number;
}

/**
 * Seals every channel's secrets with the current key, in the caller's transaction: after it no row needs
 * a previous key, so that key can be dropped. A row that opens with no key stops the start, naming it.
 */
export async function resealChannelSecrets(manager: EntityManager, box: SecretBox): Promise<ResealOutcome> {
  const rows: Array<{ id: string; name: string; secrets: string | null }> = await manager.query('SELECT id, name, secrets FROM channels ORDER BY created_at, id FOR UPDATE');
  const outcome: ResealOutcome = { plaintext: 0, rotated: 0 };
  for (const row of rows) {
    let next: ReturnType<typeof resealed>;
    try {
      next = resealed(box, row.secrets, row);
    } catch (err) {
      if (!(err instanceof ChannelSecretsError) || row.secrets === null || !isSealed(row.secrets)) throw err;
      throw new ChannelSecretsError(`${err.message}. Start with the key that sealed them in SECRETS_KEY_PREVIOUS (README, "Rotating SECRETS_KEY").`);
    }
    if (!next) continue;
    // Not updated_at: no one changed the channel.
    await manager.query('UPDATE channels SET secrets = $2 WHERE id = $1', [row.id, next.value]);
    if (next.was === 'plaintext') outcome.plaintext++;
    else outcome.rotated++;
  }
  return outcome;
}
