import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { isSealed, keyIdOf, SecretBox, SecretOpenError, sealedKeyId, secretsKeyBytes } from './secret-box.js';

const KEY = randomBytes(32);
const box = new SecretBox(KEY);

/** Flips one character of one part of a sealed value (0: version … 4: ciphertext). */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(':');
  const text = parts[part]!;
  parts[part] = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
  return parts.join(':');
}

describe('SecretBox', () => {
  it('opens what it sealed, and seals the same text differently each time', () => {
    const a = box.seal('page-token-🔑');
    const b = box.seal('page-token-🔑');
    expect(a).not.toBe(b);
    expect(box.open(a)).toBe('page-token-🔑');
    expect(box.open(b)).toBe('page-token-🔑');
    expect(box.open(box.seal(''))).toBe('');
  });

  it('writes v1:<keyId>:<iv>:<tag>:<ciphertext> in base64url, without the plaintext', () => {
    const sealed = box.seal('super-secret-token');
    expect(sealed).toMatch(/^v1:[A-Za-z0-9_-]{8}:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('super-secret-token');
    expect(sealedKeyId(sealed)).toBe(box.keyId);
    expect(box.keyId).toBe(keyIdOf(KEY));
    expect(isSealed(sealed)).toBe(true);
    expect(isSealed('{"secret":"x"}')).toBe(false);
  });

  it.each([
    ['the iv', 2],
    ['the tag', 3],
    ['the ciphertext', 4],
  ])('refuses a value whose %s was changed', (_what, part) => {
    const sealed = box.seal('super-secret-token');
    expect(() => box.open(tamper(sealed, part))).toThrow(SecretOpenError);
  });

  it('refuses a value cut short, or not sealed at all', () => {
    const sealed = box.seal('token');
    expect(() => box.open(sealed.split(':').slice(0, 4).join(':'))).toThrow(/not a sealed value/);
    expect(() => box.open('{"secret":"x"}')).toThrow(/not a sealed value/);
    const [v, id, , tag, text] = sealed.split(':');
    expect(() => box.open([v, id, 'AAAA', tag, text].join(':'))).toThrow(/cut or changed/);
  });

  it('names the key it lacks, never the value', () => {
    const other = new SecretBox(randomBytes(32));
    const sealed = other.seal('super-secret-token');
    expect(() => box.open(sealed)).toThrow(new RegExp(`sealed with key ${other.keyId}, which is neither SECRETS_KEY \\(key ${box.keyId}\\)`));
    try {
      box.open(sealed);
    } catch (err) {
      expect(String(err)).not.toContain('super-secret-token');
    }
  });

  it('opens with a previous key, seals with the current one only', () => {
    const old = new SecretBox(KEY);
    const rotated = new SecretBox(randomBytes(32), [KEY]);
    const before = old.seal('token');
    expect(rotated.open(before)).toBe('token');
    expect(rotated.isCurrent(before)).toBe(false);
    const after = rotated.seal('token');
    expect(rotated.isCurrent(after)).toBe(true);
    expect(() => old.open(after)).toThrow(SecretOpenError);
  });

  it('refuses keys of the wrong size', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(/32 bytes/);
    expect(() => new SecretBox(KEY, [randomBytes(31)])).toThrow(/32 bytes/);
  });
});

describe('secretsKeyBytes', () => {
  const key = randomBytes(32);
  it.each([
    ['64 hex characters', key.toString('hex')],
    ['base64', key.toString('base64')],
    ['base64url', key.toString('base64url')],
    ['base64 with spaces around', ` ${key.toString('base64')}\n`],
  ])('reads %s', (_what, text) => {
    expect(secretsKeyBytes(text)).toEqual(key);
  });

  it.each([
    ['a password', 'change-me-in-production'],
    ['16 bytes', randomBytes(16).toString('base64')],
    ['48 bytes', randomBytes(48).toString('base64')],
    ['63 hex characters', key.toString('hex').slice(1)],
    [''],
  ])('refuses %s', (_what, text = '') => {
    expect(secretsKeyBytes(text)).toBeNull();
  });
});
