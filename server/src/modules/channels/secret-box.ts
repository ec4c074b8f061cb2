import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for values kept at rest (channel tokens and signing secrets). A sealed value is one string,
 * `v1:<keyId>:<iv>:<tag>:<ciphertext>` in base64url, where keyId is a short hash of the key that sealed
 * it: after a rotation the box knows which of its keys opens a value, and that a value needs sealing again.
 */

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Binds each value to this use, so a ciphertext made for something else with the same key does not open here. */
const ASSOCIATED_DATA = Buffer.from('rapport:sealed:v1');

/** Raised when a value cannot be opened; the message names the key, never the value. */
export class SecretOpenError extends Error {}

/** A 32-byte key from its text form, 64 hex characters or base64 (standard or url-safe); null when it is neither. */
export function secretsKeyBytes(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === KEY_BYTES ? bytes : null;
}

/** Short and stable: names a key in sealed values and error messages without revealing it. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 8);
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

/** The key id a sealed value names, or null when it is not a sealed value. */
export function sealedKeyId(value: string): string | null {
  const parts = value.split(':');
  return parts.length === 5 && parts[0] === VERSION && parts[1] ? parts[1] : null;
}

export class SecretBox {
  /** The id of the key new values are sealed with. */
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  /** `current` seals and opens; `previous` keys only open (values sealed before a rotation). */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    if (current.length !== KEY_BYTES) throw new Error(`a secrets key is ${KEY_BYTES} bytes, not ${current.length}`);
    this.keyId = keyIdOf(current);
    this.keys.set(this.keyId, current);
    for (const key of previous) {
      if (key.length !== KEY_BYTES) throw new Error(`a secrets key is ${KEY_BYTES} bytes, not ${key.length}`);
      if (!this.keys.has(keyIdOf(key))) this.keys.set(keyIdOf(key), key);
    }
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(ASSOCIATED_DATA);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  /** The plaintext; a value changed in any way, or sealed with a key this box lacks, throws SecretOpenError. */
  open(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretOpenError(`not a sealed value (expected ${VERSION}:<keyId>:<iv>:<tag>:<ciphertext>)`);
    const [, keyId, ivText, tagText, ciphertextText] = parts as [string, string, string, string, string];
    const key = this.keys.get(keyId);
    if (!key) throw new SecretOpenError(`sealed with key ${keyId}, which is neither SECRETS_KEY (key ${this.keyId}) nor one of SECRETS_KEY_PREVIOUS`);
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretOpenError(`sealed value with key ${keyId} is cut or changed`);
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(ASSOCIATED_DATA);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretOpenError(`sealed value with key ${keyId} does not open: it was changed after sealing`);
    }
  }

  /** Sealed with the key that seals today: nothing to do on a restart after rotation. */
  isCurrent(sealed: string): boolean {
    return sealedKeyId(sealed) === this.keyId;
  }
}
