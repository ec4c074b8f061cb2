import { describe, expect, it } from '@jest/globals';
import { CHANNEL_KINDS } from '@rapport/shared';
import { makeChannel } from '../../testing/fixtures';
import { CHANNEL_FIELDS, channelAccount, channelFields, secretFieldNames, setSecrets } from './channel-fields';

describe('CHANNEL_FIELDS', () => {
  it('describes every kind, with exactly one secret each, like the server', () => {
    for (const kind of CHANNEL_KINDS) expect(CHANNEL_FIELDS[kind].length).toBeGreaterThan(0);
    expect(Object.fromEntries(CHANNEL_KINDS.map((k) => [k, secretFieldNames(k)]))).toEqual({
      facebook: ['pageAccessToken'],
      instagram: ['pageAccessToken'],
      whatsapp: ['accessToken'],
      x: ['accessToken'],
      telegram: ['botToken'],
      mastodon: ['accessToken'],
      api: ['secret'],
    });
  });

  it.each([
    ['facebook', ['pageId', 'pageAccessToken', 'apiBaseUrl'], ['pageId', 'pageAccessToken']],
    ['instagram', ['accountId', 'pageId', 'pageAccessToken', 'apiBaseUrl'], ['accountId', 'pageAccessToken']],
    ['whatsapp', ['phoneNumberId', 'accessToken', 'apiBaseUrl'], ['phoneNumberId', 'accessToken']],
    ['x', ['userId', 'accessToken', 'pollIntervalSeconds', 'apiBaseUrl'], ['userId', 'accessToken']],
    ['telegram', ['botToken', 'pollIntervalSeconds', 'apiBaseUrl'], ['botToken']],
    ['mastodon', ['instanceUrl', 'accessToken', 'pollIntervalSeconds', 'apiBaseUrl'], ['instanceUrl', 'accessToken']],
    ['api', ['key', 'secret', 'callbackUrl'], ['key', 'secret']],
  ] as const)('%s: fields %j, required %j', (kind, names, required) => {
    const fields = channelFields(kind);
    expect(fields.map((f) => f.name)).toEqual(names);
    expect(fields.filter((f) => f.required).map((f) => f.name)).toEqual(required);
  });

  it('gives poll intervals a default and keeps apiBaseUrl advanced', () => {
    expect(channelFields('telegram').find((f) => f.name === 'pollIntervalSeconds')).toMatchObject({ type: 'number', defaultValue: 30 });
    expect(channelFields('facebook').find((f) => f.name === 'apiBaseUrl')).toMatchObject({ advanced: true, required: false });
  });
});

describe('channelAccount', () => {
  it('names the account a channel listens for', () => {
    expect(channelAccount(makeChannel({ id: 'a', kind: 'facebook', config: { pageId: '1234' } }))).toEqual({ label: 'Page', value: '1234' });
    expect(channelAccount(makeChannel({ id: 'b', kind: 'api', key: 'shop', config: { key: 'shop' } }))).toEqual({ label: 'Key', value: 'shop' });
    expect(channelAccount(makeChannel({ id: 'c', kind: 'mastodon', config: { instanceUrl: 'https://m.example' } }))?.value).toBe('https://m.example');
  });

  it('is null for Telegram (a bot token only) and for a missing value', () => {
    expect(channelAccount(makeChannel({ id: 'a', kind: 'telegram', config: { pollIntervalSeconds: 30 } }))).toBeNull();
    expect(channelAccount(makeChannel({ id: 'b', kind: 'whatsapp', config: {} }))).toBeNull();
  });
});

describe('setSecrets', () => {
  it('lists the set secrets of the kind, ignoring unknown names', () => {
    expect(setSecrets(makeChannel({ id: 'a', kind: 'x', secretFields: ['accessToken', 'legacy'] })).map((f) => f.name)).toEqual(['accessToken']);
    expect(setSecrets(makeChannel({ id: 'b', kind: 'x', secretFields: [] }))).toEqual([]);
  });
});
