import { describe, expect, it } from '@jest/globals';
import { MalformedPayloadError, PlatformError } from '../../channels/channel-adapter.js';
import { outboundFailureReason, type OutboundFailureReason } from './outbound-failure.js';

describe('outboundFailureReason', () => {
  it.each<[string, unknown, string, OutboundFailureReason]>([
    ["Meta's reply window (a 400)", new PlatformError('outside window', 400), "Outside Meta's 24-hour reply window: the customer must write first (10/2018278)", 'window_closed'],
    ["WhatsApp's service window", new PlatformError('re-engagement', 400), "Outside WhatsApp's 24-hour customer service window: send an approved template (131047)", 'window_closed'],
    ['Meta rate limit codes on a 400', new PlatformError('calls', 400), 'Rate limited by Meta: too many calls (613)', 'rate_limited'],
    ['a 429', new PlatformError('Too Many Requests', 429), 'Rate limited by the platform', 'rate_limited'],
    ['a 401', new PlatformError('Unauthorized', 401), 'X rejected the access token (401): reconnect the X account', 'auth'],
    ['an expired Meta token on a 400', new PlatformError('token', 400), 'The page access token is invalid or expired: reconnect the channel (190)', 'auth'],
    ['a 403 without permission', new PlatformError('Forbidden', 403), 'Rejected by the platform (403): check the channel credentials', 'auth'],
    ['a customer who blocked the bot', new PlatformError('Forbidden', 403), 'The customer has blocked the bot: Telegram does not deliver to them any more', 'invalid'],
    ['a 400', new PlatformError('recipient unknown', 400), 'Rejected by the platform (400): recipient unknown', 'invalid'],
    ['a 502', new PlatformError('bad gateway', 502), 'Platform error 502: bad gateway', 'platform_error'],
    ['an unreadable answer', new MalformedPayloadError('data'), 'X answered in a shape Rapport cannot read: data', 'platform_error'],
    ['no answer at all', new PlatformError('ECONNREFUSED', null), 'Network error: ECONNREFUSED', 'network'],
    ['a plain error', new Error('socket hang up'), 'Network error: socket hang up', 'network'],
    ['something else', 'boom', 'Unknown error', 'other'],
  ])('%s', (_what, error, reason, expected) => {
    expect(outboundFailureReason(error, { retry: false, reason })).toBe(expected);
  });
});
