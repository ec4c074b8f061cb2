import { describe, expect, it } from '@jest/globals';
import { channelAccount, erasedExternalId, erasedIdentityHash, isErasedExternalId } from './erased-identity.js';

const CHANNEL_ID = '5a3c1f5e-8f0e-4b7a-9d52-2f6f3c9b1a11';

describe('channelAccount', () => {
  it.each<[string, Parameters<typeof channelAccount>[0], string]>([
    ['a Facebook page', { id: CHANNEL_ID, kind: 'facebook', config: { pageId: 'page-1' } }, 'page-1'],
    ['an Instagram account', { id: CHANNEL_ID, kind: 'instagram', config: { accountId: 'ig-1', pageId: 'page-1' } }, 'ig-1'],
    ['a WhatsApp number', { id: CHANNEL_ID, kind: 'whatsapp', config: { phoneNumberId: 'pn-1' } }, 'pn-1'],
    ['an X account', { id: CHANNEL_ID, kind: 'x', config: { userId: 'x-1' } }, 'x-1'],
    ['a Mastodon instance', { id: CHANNEL_ID, kind: 'mastodon', config: { instanceUrl: 'https://mastodon.example' } }, 'https://mastodon.example'],
    ['an API channel by its key', { id: CHANNEL_ID, kind: 'api', config: { key: 'demo' } }, 'demo'],
    ['a Telegram bot: the channel itself', { id: CHANNEL_ID, kind: 'telegram', config: {} }, CHANNEL_ID],
    ['a missing or empty setting: the channel itself', { id: CHANNEL_ID, kind: 'facebook', config: { pageId: '' } }, CHANNEL_ID],
    ['a setting that is not text: the channel itself', { id: CHANNEL_ID, kind: 'x', config: { userId: 42 } }, CHANNEL_ID],
  ])('%s', (_what, channel, expected) => {
    expect(channelAccount(channel)).toBe(expected);
  });
});

describe('erasedIdentityHash', () => {
  const identity = { kind: 'whatsapp' as const, account: 'pn-1', externalId: '34600123456' };

  it('is 64 hex characters holding none of its parts', () => {
    const hash = erasedIdentityHash(identity);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('34600123456');
  });

  it('is the same for the same identity, and differs when any part does', () => {
    expect(erasedIdentityHash({ ...identity })).toBe(erasedIdentityHash(identity));
    const others = [{ ...identity, kind: 'telegram' as const }, { ...identity, account: 'pn-2' }, { ...identity, externalId: '34600123457' }];
    for (const other of others) expect(erasedIdentityHash(other)).not.toBe(erasedIdentityHash(identity));
  });

  it('keeps the parts apart: moving a character from one part to the next is another identity', () => {
    expect(erasedIdentityHash({ kind: 'api', account: 'ab', externalId: 'c' })).not.toBe(erasedIdentityHash({ kind: 'api', account: 'a', externalId: 'bc' }));
  });
});

describe('erased external ids', () => {
  it('are recognised, and a platform id is not', () => {
    expect(isErasedExternalId(erasedExternalId(CHANNEL_ID))).toBe(true);
    expect(isErasedExternalId('34600123456')).toBe(false);
  });
});
