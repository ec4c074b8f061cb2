import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEMO_SECRETS_KEY } from '../../config/env.js';
import { ChannelSecretsError, openSecrets, resealed, sealSecrets, secretBoxFrom, usesDemoSecretsKey } from './channel-secrets.js';
import { SecretBox } from './secret-box.js';

const channel = { id: '0b8f1a52-7e1c-4f65-9a59-2d1b1c2e3f40', name: 'Facebook: Acme' };
const current = randomBytes(32);
const previous = randomBytes(32);
const box = new SecretBox(current, [previous]);

describe('openSecrets', () => {
  it('opens sealed fields and reads the plain JSON of rows from before sealing', () => {
    expect(openSecrets(box, sealSecrets(box, { pageAccessToken: 't' }), channel)).toEqual({ pageAccessToken: 't' });
    expect(openSecrets(box, '{"secret":"s"}', channel)).toEqual({ secret: 's' });
    expect(openSecrets(box, '{}', channel)).toEqual({});
    expect(openSecrets(box, null, channel)).toEqual({});
  });

  it('names the channel, never the value, when the secrets do not open', () => {
    const foreign = sealSecrets(new SecretBox(randomBytes(32)), { pageAccessToken: 'very-secret' });
    expect(() => openSecrets(box, foreign, channel)).toThrow(ChannelSecretsError);
    expect(() => openSecrets(box, foreign, channel)).toThrow(/^Channel "Facebook: Acme" \(0b8f1a52-.*\): its secrets do not open: sealed with key /);
    expect(() => openSecrets(box, '["x"]', channel)).toThrow(/neither sealed nor a JSON object of strings/);
    expect(() => openSecrets(box, '{"n":1}', channel)).toThrow(/neither sealed nor/);
  });
});

describe('resealed', () => {
  it('leaves values the current key sealed', () => {
    expect(resealed(box, sealSecrets(box, { secret: 's' }), channel)).toBeNull();
  });

  it('seals plaintext and values of a previous key with the current key', () => {
    const plain = resealed(box, '{"secret":"s"}', channel);
    expect(plain?.was).toBe('plaintext');
    expect(box.isCurrent(plain!.value)).toBe(true);
    expect(openSecrets(box, plain!.value, channel)).toEqual({ secret: 's' });

    const old = resealed(box, sealSecrets(new SecretBox(previous), { secret: 's' }), channel);
    expect(old?.was).toBe('previous key');
    expect(openSecrets(new SecretBox(current), old!.value, channel)).toEqual({ secret: 's' });
  });

  it('fails for a value no key opens, and for a current value changed in the table', () => {
    expect(() => resealed(box, sealSecrets(new SecretBox(randomBytes(32)), { secret: 's' }), channel)).toThrow(ChannelSecretsError);
    const sealed = sealSecrets(box, { secret: 's' });
    const changed = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => resealed(box, changed, channel)).toThrow(/does not open/);
  });
});

describe('secretBoxFrom', () => {
  it('seals with SECRETS_KEY and opens with SECRETS_KEY_PREVIOUS too', () => {
    const before = secretBoxFrom({ SECRETS_KEY: previous.toString('base64'), SECRETS_KEY_PREVIOUS: undefined });
    const after = secretBoxFrom({ SECRETS_KEY: current.toString('hex'), SECRETS_KEY_PREVIOUS: ` ${randomBytes(32).toString('hex')} , ${previous.toString('base64')},` });
    expect(after.open(before.seal('x'))).toBe('x');
    expect(after.keyId).toBe(new SecretBox(current).keyId);
  });

  it('tells the demo key apart', () => {
    expect(usesDemoSecretsKey({ SECRETS_KEY: DEMO_SECRETS_KEY })).toBe(true);
    expect(usesDemoSecretsKey({ SECRETS_KEY: current.toString('base64') })).toBe(false);
  });
});
