import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../../config/env.js';
import { MalformedPayloadError, type InboundItem, type RoutedItem, type WebhookRequest } from '../../channel-adapter.js';
import { fixture, fixtureBytes } from '../meta/fixtures.testing.js';
import { XWebhookSource, X_SIGNATURE_HEADER, xSignature } from './x-webhook.source.js';

/** The README's vectors all use this consumer secret. */
const config = loadConfig({ NODE_ENV: 'test', X_CONSUMER_SECRET: 'test-secret' });
const source = new XWebhookSource();
const BRAND = '1480112233445566778';
const PRIYA = '1290011122233344455';

function request(raw: Buffer | string, headers: Record<string, string | string[]> = {}, query: Record<string, unknown> = {}): WebhookRequest {
  return { rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(raw), headers, query, params: {} };
}

function routeError(body: unknown): MalformedPayloadError {
  try {
    source.route(body);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return err;
    throw err;
  }
  throw new Error('route accepted a malformed body');
}

const items = (routed: RoutedItem[]): InboundItem[] => routed.map((r) => r.item);

type Json = Record<string, unknown>;
const aaaMention = (): Json & { tweet_create_events: Json[] } => fixture('x-account-activity-mention.json') as Json & { tweet_create_events: Json[] };
const aaaDm = (): Json & { direct_message_events: Json[] } => fixture('x-account-activity-dm.json') as Json & { direct_message_events: Json[] };
const tweetOf = (overrides: Json): Json => ({ ...aaaMention().tweet_create_events[0], ...overrides });
const aaa = (events: Json): Json => ({ for_user_id: BRAND, ...events });
const xaa = (data: Json): Json => ({ data: { event_uuid: '-1', filter: { user_id: BRAND }, ...data } });

const PRIYA_MENTION = {
  kind: 'message',
  externalId: '1958112233445566778',
  sender: { externalId: PRIYA, name: 'Priya Natarajan', handle: 'priya_n_dev' },
  text: 'Hey @AcmeSupport my router has been offline for 3 days, ticket 55120, still no callback.',
  attachments: [],
  sentAt: new Date('2026-08-20T08:15:02.000Z'),
  threadKey: '1958112233445566778',
  isPublic: true,
  meta: { type: 'mention' },
};

const PRIYA_DM = {
  kind: 'message',
  externalId: '1958115566778899001',
  sender: { externalId: PRIYA, name: 'Priya Natarajan', handle: 'priya_n_dev' },
  text: 'Following up on ticket 55120 - the engineer never showed up today.',
  attachments: [],
  sentAt: new Date(1787214011000),
  threadKey: '',
  isPublic: false,
  meta: { type: 'dm' },
};

describe('XWebhookSource', () => {
  describe('handshake (CRC)', () => {
    it.each([
      ['challenge_string', 'sha256=wO/tFbkRSY9gOcU8nS5zOWP0m/lon4itU3IIUkw0Ygk='],
      ['Zm9vYmFy', 'sha256=Bc4bqqFHv+Mxesli0xz6O2iw6LZqKcGW0LudCWJrZT0='],
    ])('answers crc_token %s with the README response_token, as JSON', (token, expected) => {
      expect(source.handshake(request('', {}, { crc_token: token }), config)).toEqual({
        status: 200,
        contentType: 'application/json',
        body: `{"response_token":"${expected}"}`,
      });
    });

    it('keys the HMAC with the consumer secret of the config', () => {
      const other = loadConfig({ NODE_ENV: 'test', X_CONSUMER_SECRET: 'another-secret' });
      const result = source.handshake(request('', {}, { crc_token: 'challenge_string' }), other);
      expect(result).toMatchObject({ status: 200 });
      expect(result.status === 200 && result.body).not.toContain('wO/tFbkRSY9gOcU8nS5zOWP0m');
    });

    it.each([
      ['no crc_token', {}],
      ['an empty crc_token', { crc_token: '' }],
      ['a repeated crc_token', { crc_token: ['a', 'b'] }],
    ])('refuses %s with a 400', (_what, query) => {
      expect(source.handshake(request('', {}, query), config)).toEqual({ status: 400, reason: expect.stringContaining('crc_token') });
    });
  });

  describe('verify (x-twitter-webhooks-signature)', () => {
    it.each([
      ['x-account-activity-mention.json', 3044, '156fed2b27baf743f4ea77d636d09cbe775ff24be7ef8a69c46c8e9c81613fe4', 'sha256=OBRM8Mi4vMOnhIoQcLtBdEJXqykVJ0tAon6sycuWexU='],
      ['x-account-activity-dm.json', 1922, 'd9ba15ae5f6aa67fc3e0dd999379dc6fa4fd88a551d27ae8f9d2e8b7c538f898', 'sha256=4dPIdHn18zuayW29OhjMNrdPDhH7smgheEUqFVq1Hi8='],
      ['x-activity-mention.json', 5578, '747ecad0e7a25bde2fa0b1e7dabc29f2c3038fae6e6e895a59001a19dccd47c9', 'sha256=wBOQicC5UbYzvOvu5BI/nZ9R3IcWhE8lfFaCEm5jN0A='],
      ['x-activity-dm-received.json', 3357, 'd1bd537a3f3f5becac224bc047377df591db5f439035ea455f4bff737009769e', 'sha256=n/qmIE4duF+Hh92OP5mxtrmnv6lqjhkDWHqcrnBzWhQ='],
    ])('accepts %s with the README signature (over the exact stored bytes)', (name, length, sha256, signature) => {
      const raw = fixtureBytes(name);
      // Drift check first: the vector only holds for these very bytes.
      expect(raw.length).toBe(length);
      expect(createHash('sha256').update(raw).digest('hex')).toBe(sha256);
      expect(xSignature('test-secret', raw)).toBe(signature);
      expect(source.verify(request(raw, { [X_SIGNATURE_HEADER]: signature }), config)).toEqual({ ok: true });
    });

    it('accepts the minimal README vector', () => {
      const raw = '{"for_user_id":"2244994945"}';
      expect(source.verify(request(raw, { [X_SIGNATURE_HEADER]: 'sha256=pCrCgiW9IhT7sV5uesIt8VEyJXyJiI3u03y/J0FS5YQ=' }), config)).toEqual({ ok: true });
    });

    const raw = '{"for_user_id":"2244994945"}';
    const good = 'sha256=pCrCgiW9IhT7sV5uesIt8VEyJXyJiI3u03y/J0FS5YQ=';
    it.each([
      ['a signature made with another secret', xSignature('forger', raw)],
      ['one changed character', good.replace('pCr', 'pCs')],
      ['the base64 in other case', `sha256=${good.slice(7).toLowerCase()}`],
      ['the hex encoding (Meta style)', `sha256=${createHash('sha256').update(raw).digest('hex')}`],
      ['no sha256= prefix', good.slice(7)],
      ['an empty value', 'sha256='],
    ])('refuses %s', (_what, header) => {
      expect(source.verify(request(raw, { [X_SIGNATURE_HEADER]: header }), config)).toEqual({ ok: false, reason: 'signature does not match' });
    });

    it('refuses a right signature over other bytes (a re-serialised body)', () => {
      expect(source.verify(request('{"for_user_id": "2244994945"}', { [X_SIGNATURE_HEADER]: good }), config).ok).toBe(false);
    });

    it('refuses a request without the header, naming it', () => {
      expect(source.verify(request(raw), config)).toEqual({ ok: false, reason: `missing ${X_SIGNATURE_HEADER} header` });
    });

    it('reads the first value of a repeated header', () => {
      expect(source.verify(request(raw, { [X_SIGNATURE_HEADER]: [good, 'sha256=forged'] }), config)).toEqual({ ok: true });
    });
  });

  describe('route: Account Activity envelopes', () => {
    it('turns the mention fixture into one public mention addressed by for_user_id', () => {
      expect(source.route(fixture('x-account-activity-mention.json'))).toEqual([{ address: { kind: 'x', accountId: BRAND }, item: PRIYA_MENTION }]);
    });

    it('keeps the *_str ids: the numeric ids lost precision in JSON.parse', () => {
      const body = aaaMention();
      const tweet = body.tweet_create_events[0]!;
      expect(String(tweet.id)).not.toBe(tweet.id_str);
      const [item] = items(source.route(body));
      expect(item).toMatchObject({ externalId: '1958112233445566778', sender: { externalId: PRIYA } });
    });

    it('threads a reply under the post it answers', () => {
      const [item] = items(source.route(aaa({ tweet_create_events: [tweetOf({ id_str: '1958112233445566999', in_reply_to_status_id_str: '1958112233445566778' })] })));
      expect(item).toMatchObject({ externalId: '1958112233445566999', threadKey: '1958112233445566778', isPublic: true });
    });

    it('ignores the brand\'s own posts and reposts', () => {
      const own = tweetOf({ user: { id_str: BRAND, name: 'Acme Support', screen_name: 'AcmeSupport' } });
      const repost = tweetOf({ retweeted_status: { id_str: '1' } });
      expect(items(source.route(aaa({ tweet_create_events: [own, repost] })))).toEqual([
        { kind: 'ignored', reason: 'x: our own post' },
        { kind: 'ignored', reason: 'x: repost' },
      ]);
    });

    it('reads the full text and media of a long post', () => {
      const tweet = tweetOf({
        truncated: true,
        text: 'Hey @AcmeSupport this is cut…',
        extended_tweet: {
          full_text: 'Hey @AcmeSupport this is the whole story, with a photo of the error',
          extended_entities: { media: [{ type: 'photo', media_url_https: 'https://pbs.twimg.com/media/abc.jpg', ext_alt_text: 'error dialog' }] },
        },
      });
      const [item] = items(source.route(aaa({ tweet_create_events: [tweet] })));
      expect(item).toMatchObject({
        text: 'Hey @AcmeSupport this is the whole story, with a photo of the error',
        attachments: [{ type: 'image', url: 'https://pbs.twimg.com/media/abc.jpg', name: 'error dialog' }],
      });
    });

    it('keeps media of a short post (video and gif as video)', () => {
      const tweet = tweetOf({
        extended_entities: {
          media: [
            { type: 'video', media_url_https: 'https://pbs.twimg.com/v.jpg' },
            { type: 'animated_gif', media_url_https: 'https://pbs.twimg.com/g.jpg' },
          ],
        },
      });
      const [item] = items(source.route(aaa({ tweet_create_events: [tweet] })));
      expect(item).toMatchObject({ attachments: [{ type: 'video', url: 'https://pbs.twimg.com/v.jpg' }, { type: 'video', url: 'https://pbs.twimg.com/g.jpg' }] });
    });

    it('keeps unicode text exactly, also from \\u-escaped JSON', () => {
      const text = 'Ça ne marche pas 😡 — 配達されていません שלום';
      const raw = JSON.stringify(aaa({ tweet_create_events: [tweetOf({ text })] })).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      expect(raw).not.toMatch(/[^\x20-\x7e]/);
      const [item] = items(source.route(JSON.parse(raw)));
      expect(item).toMatchObject({ text });
    });

    it('turns the DM fixture into a private message named from the users map', () => {
      expect(source.route(fixture('x-account-activity-dm.json'))).toEqual([{ address: { kind: 'x', accountId: BRAND }, item: PRIYA_DM }]);
    });

    it('ignores DMs the brand sent and other DM event types', () => {
      const body = aaaDm();
      const event = body.direct_message_events[0]!;
      const sent = { ...event, message_create: { ...(event.message_create as Json), sender_id: BRAND } };
      expect(items(source.route({ ...body, direct_message_events: [sent, { type: 'message_delete', id: '5' }] }))).toEqual([
        { kind: 'ignored', reason: 'x: direct message sent by us' },
        { kind: 'ignored', reason: 'x: direct message event message_delete' },
      ]);
    });

    it('keeps a DM attachment', () => {
      const body = aaaDm();
      const event = body.direct_message_events[0]!;
      const create = event.message_create as Json;
      const withPhoto = {
        ...event,
        message_create: { ...create, message_data: { text: 'see photo', attachment: { type: 'media', media: { type: 'photo', media_url_https: 'https://ton.twitter.com/1.jpg' } } } },
      };
      const [item] = items(source.route({ ...body, direct_message_events: [withPhoto] }));
      expect(item).toMatchObject({ text: 'see photo', attachments: [{ type: 'image', url: 'https://ton.twitter.com/1.jpg' }] });
    });

    it('names a DM sender missing from the users map by id only', () => {
      const body = aaaDm();
      const [item] = items(source.route({ ...body, users: {} }));
      expect(item).toMatchObject({ sender: { externalId: PRIYA, name: undefined, handle: undefined } });
    });

    it('ignores every other event kind, one item per event', () => {
      const routed = source.route(
        aaa({ user_has_blocked: 'false', favorite_events: [{ id: '1' }, { id: '2' }], follow_events: [{ type: 'follow' }], direct_message_indicate_typing_events: [{}], user_event: { revoke: {} } }),
      );
      expect(routed.map((r) => r.address.accountId)).toEqual([BRAND, BRAND, BRAND, BRAND, BRAND]);
      expect(items(routed)).toEqual([
        { kind: 'ignored', reason: 'x: favorite_events' },
        { kind: 'ignored', reason: 'x: favorite_events' },
        { kind: 'ignored', reason: 'x: follow_events' },
        { kind: 'ignored', reason: 'x: direct_message_indicate_typing_events' },
        { kind: 'ignored', reason: 'x: user_event' },
      ]);
    });

    it('routes an envelope without events to nothing', () => {
      expect(source.route({ for_user_id: '2244994945' })).toEqual([]);
    });

    it.each([
      ['a tweet without id_str', { tweet_create_events: [tweetOf({ id_str: undefined })] }, 'id_str'],
      ['a numeric id_str', { tweet_create_events: [tweetOf({ id_str: JSON.parse('1958112233445566778') as number })] }, 'id_str'],
      ['a tweet without user', { tweet_create_events: [tweetOf({ user: undefined })] }, 'user'],
      ['a DM without sender', { direct_message_events: [{ type: 'message_create', id: '1', message_create: { message_data: { text: 'x' } } }] }, 'sender_id'],
    ])('keeps %s as unreadable, naming the field', (_what, events, field) => {
      const [item] = items(source.route(aaa(events)));
      expect(item).toEqual({ kind: 'unreadable', reason: expect.stringContaining(field) });
      expect((item as { reason: string }).reason).toMatch(/^(tweet_create_events|direct_message_events)\[0\]: /);
    });

    it('reads the good events of a batch around an unreadable one', () => {
      const body = aaa({ tweet_create_events: [tweetOf({ id_str: '1958112233445560001' }), tweetOf({ user: undefined }), tweetOf({ id_str: '1958112233445560003' })] });
      expect(items(source.route(body)).map((i) => (i.kind === 'message' ? i.externalId : i.kind))).toEqual(['1958112233445560001', 'unreadable', '1958112233445560003']);
    });
  });

  describe('route: X Activity API envelopes', () => {
    it('turns post.mention.create into the same mention, addressed by filter.user_id', () => {
      expect(source.route(fixture('x-activity-mention.json'))).toEqual([{ address: { kind: 'x', accountId: BRAND }, item: PRIYA_MENTION }]);
    });

    it('turns dm.received into the same DM (users wrapped in data)', () => {
      expect(source.route(fixture('x-activity-dm-received.json'))).toEqual([{ address: { kind: 'x', accountId: BRAND }, item: PRIYA_DM }]);
    });

    it('takes a reply to the brand (post.reply.create) as a message in its conversation', () => {
      const body = fixture('x-activity-mention.json') as { data: Json & { payload: Json } };
      const payload = { ...body.data.payload, id: '1958112233445569999', conversation_id: '1958000000000000001' };
      const [item] = items(source.route({ data: { ...body.data, event_type: 'post.reply.create', payload } }));
      expect(item).toMatchObject({ externalId: '1958112233445569999', threadKey: '1958000000000000001', isPublic: true, meta: { type: 'mention' } });
    });

    it('ignores the brand\'s own post and DMs it sent', () => {
      const mention = fixture('x-activity-mention.json') as { data: Json & { payload: Json } };
      const own = { data: { ...mention.data, payload: { ...mention.data.payload, author_id: BRAND } } };
      expect(items(source.route(own))).toEqual([{ kind: 'ignored', reason: 'x: our own post' }]);
      const dm = fixture('x-activity-dm-received.json') as { data: Json & { payload: { direct_message_events: Json[] } } };
      const event = dm.data.payload.direct_message_events[0]!;
      const sent = { ...event, message_create: { ...(event.message_create as Json), sender_id: BRAND } };
      expect(items(source.route({ data: { ...dm.data, payload: { ...dm.data.payload, direct_message_events: [sent] } } }))).toEqual([
        { kind: 'ignored', reason: 'x: direct message sent by us' },
      ]);
    });

    it('keeps media of a post through includes.media', () => {
      const body = fixture('x-activity-mention.json') as { data: Json & { payload: Json; includes: Json } };
      const payload = { ...body.data.payload, attachments: { media_keys: ['3_1', '7_2', '3_missing'] } };
      const includes = {
        ...body.data.includes,
        media: [
          { media_key: '3_1', type: 'photo', url: 'https://pbs.twimg.com/media/1.jpg', alt_text: 'receipt' },
          { media_key: '7_2', type: 'video', preview_image_url: 'https://pbs.twimg.com/v/2.jpg' },
        ],
      };
      const [item] = items(source.route({ data: { ...body.data, payload, includes } }));
      expect(item).toMatchObject({
        attachments: [
          { type: 'image', url: 'https://pbs.twimg.com/media/1.jpg', name: 'receipt' },
          { type: 'video', url: 'https://pbs.twimg.com/v/2.jpg' },
          { type: 'other', name: '3_missing' },
        ],
      });
    });

    it.each(['follow.follow', 'dm.sent', 'dm.indicate_typing', 'chat.received', 'profile.update.bio'])('ignores %s', (eventType) => {
      expect(source.route(xaa({ event_type: eventType, payload: {} }))).toEqual([{ address: { kind: 'x', accountId: BRAND }, item: { kind: 'ignored', reason: `x: ${eventType}` } }]);
    });

    it('keeps a mention whose post has no author as unreadable, naming the field', () => {
      expect(items(source.route(xaa({ event_type: 'post.mention.create', payload: { id: '1', text: 'hi' } })))).toEqual([
        { kind: 'unreadable', reason: expect.stringMatching(/^data\.payload: author_id/) },
      ]);
    });
  });

  describe('route: not an X envelope', () => {
    it.each([
      ['null', null],
      ['an array', [{ for_user_id: BRAND }]],
      ['a string', 'for_user_id'],
      ['an empty object', {}],
      ['a numeric for_user_id', { for_user_id: JSON.parse('1480112233445566778') as number }],
      ['an X Activity event without filter.user_id', { data: { event_type: 'post.mention.create', filter: {}, payload: {} } }],
      ['a Meta envelope', { object: 'page', entry: [] }],
    ])('refuses %s', (_what, body) => {
      expect(routeError(body)).toBeInstanceOf(MalformedPayloadError);
    });
  });
});
