import { describe, expect, it } from '@jest/globals';
import { makeChannel } from '../../testing/fixtures';
import { channelIntake, TELEGRAM_SECRET_PLACEHOLDER } from './webhook-url';

const ORIGIN = 'https://care.example.com';

describe('channelIntake', () => {
  it.each([
    ['facebook', `${ORIGIN}/webhooks/meta`],
    ['instagram', `${ORIGIN}/webhooks/meta`],
    ['whatsapp', `${ORIGIN}/webhooks/whatsapp`],
  ] as const)('%s → the shared webhook %s', (kind, url) => {
    expect(channelIntake(makeChannel({ id: 'c1', kind }), ORIGIN)).toEqual({ webhookUrl: url, pollSeconds: null, alternativeWebhookUrl: null });
  });

  it('X has the shared webhook and polls mentions', () => {
    expect(channelIntake(makeChannel({ id: 'c1', kind: 'x', config: { pollIntervalSeconds: 45 } }), ORIGIN)).toEqual({
      webhookUrl: `${ORIGIN}/webhooks/x`,
      pollSeconds: 45,
      alternativeWebhookUrl: null,
    });
  });

  it('the API channel has its own URL by key, escaped', () => {
    expect(channelIntake(makeChannel({ id: 'c1', kind: 'api', key: 'shop', config: { key: 'shop' } }), ORIGIN).webhookUrl).toBe(`${ORIGIN}/webhooks/api/shop`);
    expect(channelIntake(makeChannel({ id: 'c1', kind: 'api', key: null, config: { key: 'a b' } }), ORIGIN).webhookUrl).toBe(`${ORIGIN}/webhooks/api/a%20b`);
    expect(channelIntake(makeChannel({ id: 'c1', kind: 'api', key: null, config: {} }), ORIGIN).webhookUrl).toBeNull();
  });

  it('Telegram is polled, with an optional webhook naming the channel', () => {
    expect(channelIntake(makeChannel({ id: 'ch-7', kind: 'telegram', config: { pollIntervalSeconds: 30 } }), `${ORIGIN}/`)).toEqual({
      webhookUrl: null,
      pollSeconds: 30,
      alternativeWebhookUrl: `${ORIGIN}/webhooks/telegram/${TELEGRAM_SECRET_PLACEHOLDER}?channel=ch-7`,
    });
  });

  it('Mastodon is polled only; a missing or broken interval reads as the default', () => {
    expect(channelIntake(makeChannel({ id: 'c1', kind: 'mastodon', config: {} }), ORIGIN)).toEqual({ webhookUrl: null, pollSeconds: 30, alternativeWebhookUrl: null });
    expect(channelIntake(makeChannel({ id: 'c1', kind: 'mastodon', config: { pollIntervalSeconds: 'soon' } }), ORIGIN).pollSeconds).toBe(30);
  });
});
