import { describe, expect, it } from '@jest/globals';
import { DEMO_SECRETS_KEY, envSchema, loadConfig } from './env.js';

const OWN_KEY = 'ab'.repeat(32);

describe('loadConfig', () => {
  describe('defaults', () => {
    it('fills every variable from its default when the environment is empty', () => {
      const config = loadConfig({});
      expect(config).toMatchObject({
        NODE_ENV: 'development',
        PORT: 3000,
        ROLE: 'all',
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/rapport',
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: 'rapport',
        JWT_TTL: '15m',
        REFRESH_TOKEN_TTL_DAYS: 14,
        LOGIN_MAX_FAILURES_PER_ACCOUNT: 5,
        LOGIN_MAX_FAILURES_PER_IP: 20,
        SIMULATOR: true,
        DEMO_SEED: true,
        LOG_LEVEL: 'info',
      });
      expect(config.CLIENT_DIST).toBeUndefined();
    });

    it('treats an empty string as unset', () => {
      expect(loadConfig({ PORT: '', ROLE: '' })).toMatchObject({ PORT: 3000, ROLE: 'all' });
    });

    it('coerces numbers and on/off switches', () => {
      const config = loadConfig({ PORT: '8080', SIMULATOR: 'off', DEMO_SEED: '0', ROLE: 'worker' });
      expect(config.PORT).toBe(8080);
      expect(config.SIMULATOR).toBe(false);
      expect(config.DEMO_SEED).toBe(false);
      expect(config.ROLE).toBe('worker');
    });

    it('matches the schema defaults', () => {
      expect(loadConfig({})).toEqual(envSchema.parse({}));
    });
  });

  describe('invalid values stop the start with a message naming the variable', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '3.5'],
      ['ROLE', 'x'],
      ['NODE_ENV', 'staging'],
      ['DATABASE_URL', 'not a url'],
      ['JWT_SECRET', 'short'],
      ['LOG_LEVEL', 'verbose'],
      ['SIMULATOR', 'maybe'],
      ['SECRETS_KEY', 'a-password-not-a-key'],
      ['SECRETS_KEY_PREVIOUS', `${'ab'.repeat(32)},short`],
      ['JWT_TTL', '15 minutes'],
      ['REFRESH_TOKEN_TTL_DAYS', '0'],
      ['LOGIN_MAX_FAILURES_PER_ACCOUNT', '0'],
    ])('%s=%s', (name, value) => {
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration:[\\s\\S]*\\b${name}:`));
    });

    it('names every bad variable at once', () => {
      let message = '';
      try {
        loadConfig({ PORT: 'abc', ROLE: 'x' });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/\bPORT:/);
      expect(message).toMatch(/\bROLE:/);
      expect(message).not.toMatch(/\bLOG_LEVEL:/);
    });
  });

  describe('production', () => {
    it('refuses the default JWT_SECRET', () => {
      expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'change-me-in-production' })).toThrow(/JWT_SECRET/);
    });

    it('accepts a secret of its own', () => {
      expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-long-secret', SECRETS_KEY: OWN_KEY }).JWT_SECRET).toBe('a-real-long-secret');
    });

    it('refuses the demo SECRETS_KEY, naming the variable and not the key', () => {
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-long-secret' })).toThrow(/SECRETS_KEY: set a key of your own/);
      expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-real-long-secret', SECRETS_KEY: DEMO_SECRETS_KEY })).toThrow(/SECRETS_KEY/);
    });

    it('lets development and test run on the default secret', () => {
      expect(loadConfig({ NODE_ENV: 'test' }).JWT_SECRET).toBe('change-me-in-production');
    });
  });
});
