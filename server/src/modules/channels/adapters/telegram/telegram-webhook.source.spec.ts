import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../../config/env.js';
import { MalformedPayloadError, type WebhookRequest } from '../../channel-adapter.js';
import { fixture } from '../meta/fixtures.testing.js';
import { TELEGRAM_SECRET_HEADER, TelegramWebhookSource } from './telegram-webhook.source.js';

const SECRET = 'tg-webhook-secret_123';
const config = loadConfig({ NODE_ENV: 'test', TELEGRAM_WEBHOOK_SECRET: SECRET });
const source = new TelegramWebhookSource();

function request(params: Record<string, string> | undefined, headers: Record<string, string> = {}): WebhookRequest {
  const base = { rawBody: Buffer.from('{}'), headers, query: {} };
  // Some call sites do not pass params yet: the source must cope.
  return (params === undefined ? base : { ...base, params }) as WebhookRequest;
}

describe('TelegramWebhookSource', () => {
  it('has no handshake: Telegram does not verify webhook URLs', () => {
    expect((source as { handshake?: unknown }).handshake).toBeUndefined();
  });

  describe('verify', () => {
    it.each([
      ['the path secret', { secret: SECRET }, {}],
      ['the secret_token header', undefined, { [TELEGRAM_SECRET_HEADER]: SECRET }],
      ['both', { secret: SECRET }, { [TELEGRAM_SECRET_HEADER]: SECRET }],
    ])('accepts %s', (_what, params, headers) => {
      expect(source.verify(request(params, headers), config)).toEqual({ ok: true });
    });

    it.each([
      ['a wrong path secret', { secret: 'guess' }, {}, /URL/],
      ['a path secret one character off', { secret: `${SECRET.slice(0, -1)}4` }, {}, /URL/],
      ['the path secret in other case', { secret: SECRET.toUpperCase() }, {}, /URL/],
      ['a right path with a wrong header', { secret: SECRET }, { [TELEGRAM_SECRET_HEADER]: 'guess' }, /header|secret-token/i],
      ['a right header with a wrong path', { secret: 'guess' }, { [TELEGRAM_SECRET_HEADER]: SECRET }, /URL/],
      ['an empty path secret', { secret: '' }, {}, /missing/],
      ['no secret at all', {}, {}, /missing/],
      ['no params and no header', undefined, {}, /missing/],
    ])('refuses %s', (_what, params, headers, reason) => {
      expect(source.verify(request(params, headers), config)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    });
  });

  describe('route', () => {
    it('maps one Update per request, for the channel the controller picks', () => {
      const [first] = (fixture('telegram-getupdates.json') as { result: unknown[] }).result;
      expect(source.route(first)).toEqual([
        {
          address: { kind: 'telegram', accountId: '' },
          item: expect.objectContaining({ kind: 'message', externalId: '5120334477:1841', meta: { chatId: '5120334477', messageId: '1841' } }),
        },
      ]);
    });

    it('takes a group mention of any bot, not knowing which bot the URL is for', () => {
      const [, group] = (fixture('telegram-getupdates.json') as { result: unknown[] }).result;
      expect(source.route(group)[0]!.item).toMatchObject({ kind: 'message', isPublic: true, threadKey: 'chat:-1001987654321' });
    });

    it('ignores other update kinds', () => {
      expect(source.route({ update_id: 9, edited_message: {} })).toEqual([{ address: { kind: 'telegram', accountId: '' }, item: { kind: 'ignored', reason: 'telegram: edited_message' } }]);
    });

    it.each([[null], [[]], ['text'], [{ ok: true, result: [] }]])('refuses %j', (body) => {
      expect(() => source.route(body)).toThrow(MalformedPayloadError);
    });
  });
});
