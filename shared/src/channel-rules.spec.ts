import { describe, expect, it } from '@jest/globals';
import type { ChannelKind } from './domain.js';
import { channelLimit, checkReplyLength, replyLength, windowState, type ReplyWindow } from './channel-rules.js';

describe('channelLimit', () => {
  it.each<[ChannelKind, boolean, number | null]>([
    ['x', true, 280],
    ['x', false, 10_000],
    ['whatsapp', false, 4096],
    ['facebook', false, 2000],
    ['facebook', true, 8000],
    ['instagram', false, 1000],
    ['instagram', true, 2200],
    ['telegram', false, 4096],
    ['telegram', true, 4096],
    ['mastodon', true, 500],
    ['mastodon', false, 500],
    ['api', false, null],
  ])('%s (public: %s) → %s', (kind, isPublic, limit) => {
    expect(channelLimit(kind, isPublic)).toBe(limit);
  });
});

describe('replyLength', () => {
  it.each<[string, ChannelKind, string, number]>([
    ['plain text on X', 'x', 'Hello there', 11],
    ['a link on X counts 23', 'x', 'See https://example.com/a/very/long/path/that/goes/on', 4 + 23],
    ['an emoji on X counts 2', 'x', 'ok 👍', 5],
    ['a joined emoji on X counts 2', 'x', '👨‍👩‍👧‍👦', 2],
    ['CJK on X counts 2 each', 'x', '你好', 4],
    ['typographic quotes on X count 1', 'x', '“ok”', 4],
    ['decomposed accents on X count once', 'x', 'cafe\u0301', 4],
    ['an emoji elsewhere is one character', 'whatsapp', 'ok 👍', 4],
    ['a link elsewhere is its length', 'mastodon', 'https://example.com', 19],
  ])('%s', (_what, kind, text, length) => {
    expect(replyLength(kind, text)).toBe(length);
  });
});

describe('checkReplyLength', () => {
  it('lets a reply at the limit through', () => {
    expect(checkReplyLength('x', true, 'a'.repeat(280))).toEqual({ length: 280, limit: 280, reason: null });
  });

  it('names the platform, the count and how much to cut', () => {
    expect(checkReplyLength('x', true, 'a'.repeat(300)).reason).toBe('Too long for an X post: 300 of 280 characters (X counts a link as 23 and an emoji as 2). Shorten it by 20.');
    expect(checkReplyLength('instagram', false, 'a'.repeat(1001)).reason).toBe('Too long for an Instagram DM: 1001 of 1000 characters. Shorten it by 1.');
  });

  it('has no limit on the API channel', () => {
    expect(checkReplyLength('api', false, 'a'.repeat(9000))).toEqual({ length: 9000, limit: null, reason: null });
  });
});

describe('windowState', () => {
  const now = new Date('2026-08-20T12:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000).toISOString();

  it.each<[string, ChannelKind, string | null, boolean, ReplyWindow['state'], boolean | null]>([
    ['Messenger, 2 hours after', 'facebook', hoursAgo(2), false, 'open', false],
    ['Messenger, 23.5 hours after: closing soon', 'facebook', hoursAgo(23.5), false, 'open', true],
    ['Messenger, exactly 24 hours after', 'facebook', hoursAgo(24), false, 'closed', null],
    ['Instagram DM, 30 hours after', 'instagram', hoursAgo(30), false, 'closed', null],
    ['WhatsApp, 25 hours after', 'whatsapp', hoursAgo(25), false, 'closed', null],
    ['a Facebook comment is not bound', 'facebook', hoursAgo(48), true, 'none', null],
    ['an Instagram comment is not bound', 'instagram', hoursAgo(48), true, 'none', null],
    ['X has no window', 'x', hoursAgo(48), false, 'none', null],
    ['Telegram has no window', 'telegram', hoursAgo(48), false, 'none', null],
    ['no customer message known', 'whatsapp', null, false, 'unknown', null],
    ['an unreadable time', 'whatsapp', 'yesterday', false, 'unknown', null],
  ])('%s → %s', (_what, kind, last, isPublic, state, closingSoon) => {
    const result = windowState(kind, last, now, isPublic);
    expect(result.state).toBe(state);
    if (result.state === 'open') expect(result.closingSoon).toBe(closingSoon);
  });

  it('says when it closed and why the platform refuses', () => {
    expect(windowState('whatsapp', hoursAgo(30), now)).toEqual({ state: 'closed', closedAt: hoursAgo(6), reason: expect.stringContaining('131047') });
    expect(windowState('facebook', hoursAgo(30), now)).toMatchObject({ reason: expect.stringContaining('2018278') });
    expect(windowState('instagram', hoursAgo(1), now.getTime())).toEqual({ state: 'open', closesAt: new Date(now.getTime() + 23 * 3600_000).toISOString(), closingSoon: false });
  });
});
