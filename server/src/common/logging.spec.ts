import { describe, expect, it } from '@jest/globals';
import {
  blankSecrets,
  chooseLogFormat,
  configuredSecrets,
  conversationIdOf,
  redactHeaders,
  REDACTED,
  requestIdFrom,
  requestLogLevel,
  scrubFields,
  scrubUrl,
} from './logging.js';

describe('chooseLogFormat', () => {
  it('is pretty only on a terminal outside production', () => {
    expect(chooseLogFormat('auto', 'development', true)).toBe('pretty');
    expect(chooseLogFormat('auto', 'development', false)).toBe('json');
    expect(chooseLogFormat('auto', 'production', true)).toBe('json');
  });

  it('does what LOG_FORMAT forces', () => {
    expect(chooseLogFormat('json', 'development', true)).toBe('json');
    expect(chooseLogFormat('pretty', 'production', false)).toBe('pretty');
  });
});

describe('redactHeaders', () => {
  it('blanks credentials and every platform signature, keeps the rest', () => {
    const headers = redactHeaders({
      authorization: 'Bearer abc',
      cookie: 'sid=1',
      'x-hub-signature': 'sha1=aa',
      'x-hub-signature-256': 'sha256=bb',
      'x-rapport-signature': 'sha256=cc',
      'x-twitter-webhooks-signature': 'sha256=dd',
      'x-telegram-bot-api-secret-token': 'tg',
      'x-api-key': 'k',
      'user-agent': 'curl/8',
      'content-type': 'application/json',
    });
    expect(headers).toEqual({
      authorization: REDACTED,
      cookie: REDACTED,
      'x-hub-signature': REDACTED,
      'x-hub-signature-256': REDACTED,
      'x-rapport-signature': REDACTED,
      'x-twitter-webhooks-signature': REDACTED,
      'x-telegram-bot-api-secret-token': REDACTED,
      'x-api-key': REDACTED,
      'user-agent': 'curl/8',
      'content-type': 'application/json',
    });
  });
});

describe('scrubUrl', () => {
  it('blanks the secret in the Telegram webhook path', () => {
    expect(scrubUrl('/webhooks/telegram/s3cr3t-path?channel=abc')).toBe(`/webhooks/telegram/${REDACTED}?channel=abc`);
  });

  it('blanks tokens and secrets in the query, keeps the rest', () => {
    expect(scrubUrl('/webhooks/meta?hub.mode=subscribe&hub.verify_token=vt&hub.challenge=42')).toBe(`/webhooks/meta?hub.mode=subscribe&hub.verify_token=${REDACTED}&hub.challenge=42`);
    expect(scrubUrl('/webhooks/x?crc_token=abc')).toBe(`/webhooks/x?crc_token=${REDACTED}`);
    expect(scrubUrl('/api/x?access%5Ftoken=abc&q=refund')).toBe(`/api/x?access%5Ftoken=${REDACTED}&q=refund`);
  });

  it('leaves other URLs alone', () => {
    expect(scrubUrl('/api/conversations?status=open&q=a=b')).toBe('/api/conversations?status=open&q=a=b');
    expect(scrubUrl('/webhooks/api/demo')).toBe('/webhooks/api/demo');
  });
});

describe('scrubFields', () => {
  it('blanks sensitive-named fields at any depth, in arrays too', () => {
    const scrubbed = scrubFields({ user: 'ada', password: 'pw', nested: { accessToken: 't', list: [{ secret: 's', ok: 1 }] }, apiKey: 'k' });
    expect(scrubbed).toEqual({ user: 'ada', password: REDACTED, nested: { accessToken: REDACTED, list: [{ secret: REDACTED, ok: 1 }] }, apiKey: REDACTED });
  });

  it('leaves errors, requests and other class instances to their serializers', () => {
    const err = Object.assign(new Error('x'), { token: 't' });
    expect(scrubFields({ err }).err).toBe(err);
  });

  it('does not blank empty sensitive fields (nothing to hide)', () => {
    expect(scrubFields({ token: null })).toEqual({ token: null });
  });
});

describe('configuredSecrets and blankSecrets', () => {
  const config = {
    JWT_SECRET: 'jwt-secret-value',
    META_VERIFY_TOKEN: 'verify-token-value',
    SECRETS_KEY_PREVIOUS: 'old-key-one,old-key-two',
    ADMIN_PASSWORD: 'long-admin-password',
    DATABASE_URL: 'postgres://rapport:db%40pass@db:5432/rapport',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REFRESH_TOKEN_TTL_DAYS: 14,
    ROLE: 'all',
    SECRET_SHORT: 'abc',
  };

  it('takes every secret, token, password and key, and the store passwords', () => {
    expect(configuredSecrets(config).sort()).toEqual(['db@pass', 'jwt-secret-value', 'long-admin-password', 'old-key-one', 'old-key-two', 'verify-token-value'].sort());
  });

  it('blanks them in a line, also as JSON escapes them', () => {
    const secrets = [...configuredSecrets(config), 'quo"te-secret'];
    const line = JSON.stringify({ msg: 'connecting with jwt-secret-value and db@pass', detail: 'quo"te-secret' });
    const blanked = blankSecrets(line, secrets);
    expect(blanked).not.toContain('jwt-secret-value');
    expect(blanked).not.toContain('db@pass');
    expect(blanked).not.toContain('quo\\"te-secret');
    expect(JSON.parse(blanked)).toEqual({ msg: `connecting with ${REDACTED} and ${REDACTED}`, detail: REDACTED });
  });
});

describe('requestIdFrom', () => {
  it('keeps a sane X-Request-Id', () => {
    expect(requestIdFrom('req-123_abc.def')).toBe('req-123_abc.def');
    expect(requestIdFrom(['first-id', 'second'])).toBe('first-id');
  });

  it('makes a new one when there is none, or it could mangle a log line', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    expect(requestIdFrom(undefined)).toMatch(uuid);
    expect(requestIdFrom('')).toMatch(uuid);
    expect(requestIdFrom('has space')).toMatch(uuid);
    expect(requestIdFrom('line\nbreak')).toMatch(uuid);
    expect(requestIdFrom('x'.repeat(129))).toMatch(uuid);
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe('conversationIdOf', () => {
  const id = '0b7e6c1a-3f1d-4c2e-9a55-1d2f3e4a5b6c';

  it('finds the conversation of a conversation route', () => {
    expect(conversationIdOf(`/api/conversations/${id}`)).toBe(id);
    expect(conversationIdOf(`/api/conversations/${id}/messages?limit=5`)).toBe(id);
    expect(conversationIdOf(`/api/conversations/${id.toUpperCase()}?x=1`)).toBe(id);
  });

  it('is undefined elsewhere', () => {
    expect(conversationIdOf('/api/conversations')).toBeUndefined();
    expect(conversationIdOf('/api/conversations/not-a-uuid')).toBeUndefined();
    expect(conversationIdOf(`/api/customers/${id}`)).toBeUndefined();
  });
});

describe('requestLogLevel', () => {
  it('logs failures as errors', () => {
    expect(requestLogLevel('GET', '/api/health', 503, false)).toBe('error');
    expect(requestLogLevel('POST', '/api/x', 200, true)).toBe('error');
  });

  it('keeps probes and the client’s files at debug', () => {
    expect(requestLogLevel('GET', '/api/health', 200, false)).toBe('debug');
    expect(requestLogLevel('GET', '/metrics', 200, false)).toBe('debug');
    expect(requestLogLevel('GET', '/assets/index.js', 200, false)).toBe('debug');
    expect(requestLogLevel('GET', '/c/123?status=open', 200, false)).toBe('debug');
  });

  it('logs API calls and webhooks at info, refused ones too', () => {
    expect(requestLogLevel('GET', '/api/conversations', 200, false)).toBe('info');
    expect(requestLogLevel('POST', '/webhooks/api/demo', 401, false)).toBe('info');
    expect(requestLogLevel('GET', '/nowhere', 404, false)).toBe('info');
  });
});
