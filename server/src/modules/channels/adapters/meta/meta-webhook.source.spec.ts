import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../../config/env.js';
import { MalformedPayloadError, type InboundItem, type RoutedItem, type WebhookRequest } from '../../channel-adapter.js';
import { hmacSha256Hex } from '../../signature.js';
import { MetaWebhookSource } from './meta-webhook.source.js';
import { fixture, fixtureBytes } from './fixtures.testing.js';

const SECRET = 'test-secret';
const VERIFY_TOKEN = 'meatyhamhock';
const config = loadConfig({ NODE_ENV: 'test', META_APP_SECRET: SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN });
const source = new MetaWebhookSource();

const PAGE = '104857600012345';
const IG = '17841400538867190';

function request(rawBody: Buffer | string, headers: Record<string, string> = {}, query: Record<string, unknown> = {}): WebhookRequest {
  return { rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'), headers, query, params: {} };
}

const signature = (raw: Buffer | string, secret = SECRET): Record<string, string> => ({ 'x-hub-signature-256': `sha256=${hmacSha256Hex(secret, raw)}` });

const items = (routed: RoutedItem[]): InboundItem[] => routed.map((r) => r.item);

/** One `object: "page"` (or instagram) body with the given messaging events for one account. */
function messaging(events: unknown[], object: 'page' | 'instagram' = 'page', id = PAGE): unknown {
  return { object, entry: [{ id, time: 1787213702417, messaging: events }] };
}

function event(fields: Record<string, unknown>, sender = 'U1', recipient = PAGE): Record<string, unknown> {
  return { sender: { id: sender }, recipient: { id: recipient }, timestamp: 1787213702000, ...fields };
}

function changes(list: unknown[], object: 'page' | 'instagram' = 'page', id = PAGE): unknown {
  return { object, entry: [{ id, time: 1787214011, changes: list }] };
}

function feed(value: Record<string, unknown>): unknown {
  return changes([
    {
      field: 'feed',
      value: { item: 'comment', verb: 'add', comment_id: 'C1', post_id: `${PAGE}_P1`, parent_id: `${PAGE}_P1`, created_time: 1787214009, message: 'hi', from: { id: 'U7', name: 'Ann' }, ...value },
    },
  ]);
}

function malformed(body: unknown): MalformedPayloadError {
  try {
    source.route(body);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return err;
    throw err;
  }
  throw new Error('route accepted a malformed body');
}

describe('MetaWebhookSource', () => {
  it('is the "meta" source', () => {
    expect(source.name).toBe('meta');
  });

  describe('handshake', () => {
    const hub = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': VERIFY_TOKEN, ...overrides });

    it('echoes hub.challenge as plain text when the verify token matches', () => {
      expect(source.handshake(request('', {}, hub()), config)).toEqual({ status: 200, contentType: 'text/plain', body: '1158201444' });
    });

    it('also reads parameters a dot-aware query parser nested under "hub"', () => {
      const query = { hub: { mode: 'subscribe', challenge: '42', verify_token: VERIFY_TOKEN } };
      expect(source.handshake(request('', {}, query), config)).toEqual({ status: 200, contentType: 'text/plain', body: '42' });
    });

    it.each([
      ['a wrong verify token', hub({ 'hub.verify_token': 'guess' }), /verify_token/],
      ['a verify token differing in case', hub({ 'hub.verify_token': VERIFY_TOKEN.toUpperCase() }), /verify_token/],
      ['no verify token', hub({ 'hub.verify_token': undefined }), /verify_token/],
      ['the wrong mode', hub({ 'hub.mode': 'unsubscribe' }), /hub\.mode/],
      ['no mode', hub({ 'hub.mode': undefined }), /hub\.mode/],
    ])('refuses %s with 403', (_what, query, reason) => {
      expect(source.handshake(request('', {}, query), config)).toEqual({ status: 403, reason: expect.stringMatching(reason) });
    });

    it('answers 400 when the challenge is missing', () => {
      expect(source.handshake(request('', {}, hub({ 'hub.challenge': undefined })), config)).toEqual({ status: 400, reason: expect.stringMatching(/challenge/) });
    });
  });

  describe('verify', () => {
    it.each([
      ['meta-messenger-text.json', 596, '67b9effa0db2c2e9e6cd7177b821d78277e7d3220d3a2b9fa2f6ac68189ab5ab', 'sha256=f8ac40278214e03624fdff9e20eace5a3742e550d8e5a55dfb2768731681ef8b'],
      ['meta-feed-comment.json', 980, '73581b9457ec7753b72d4592a21b91c6b74da56e4194f81485e4f8f30c77b574', 'sha256=8621d8affead5ea605e37c58518a244d503d63005b7fa75d2173a2635aa465b5'],
      ['instagram-dm.json', 683, '653c5d511ad844c8ad8c17d2314f89d4e06e2d739c504094b771a84c1c3c29b3', 'sha256=4d5061af0780e388149699ee12f663f4e1c1940027022b5e5c0b738c5802f96a'],
    ])('accepts the README vector for %s', (file, length, sha256, header) => {
      const bytes = fixtureBytes(file);
      // Guards against a reformatted fixture before blaming the verifier.
      expect(bytes.length).toBe(length);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      expect(source.verify(request(bytes, { 'x-hub-signature-256': header }), config)).toEqual({ ok: true });
    });

    it('accepts the minimal README vector', () => {
      const header = 'sha256=b5a88eb16fa1b0bd3526754d185ffe266abe023a8d0d305aa57e5f244aaf399d';
      expect(source.verify(request('{"object":"page","entry":[]}', { 'x-hub-signature-256': header }), config)).toEqual({ ok: true });
    });

    const raw = fixtureBytes('meta-messenger-text.json');

    it.each([
      ['a signature made with another secret', signature(raw, 'forger')],
      ['a signature of other bytes', signature('{"object":"page","entry":[]}')],
      ['a signature of the re-serialized JSON', signature(JSON.stringify(JSON.parse(raw.toString('utf8'))))],
      ['a bare hex signature', { 'x-hub-signature-256': hmacSha256Hex(SECRET, raw) }],
      ['an empty signature', { 'x-hub-signature-256': 'sha256=' }],
    ])('refuses %s', (_what, headers) => {
      expect(source.verify(request(raw, headers), config)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
    });

    it.each([
      ['no header at all', {}],
      ['only the legacy sha1 header', { 'x-hub-signature': 'sha1=0000' }],
    ])('refuses %s, naming the header', (_what, headers) => {
      expect(source.verify(request(raw, headers), config)).toEqual({ ok: false, reason: expect.stringMatching(/X-Hub-Signature-256/) });
    });

    it('refuses a body signed with the verify token instead of the App Secret', () => {
      expect(source.verify(request(raw, signature(raw, VERIFY_TOKEN)), config).ok).toBe(false);
    });

    it('verifies an escaped non-ASCII body over its raw bytes, and parses the text back to unicode', () => {
      // Meta signs the escaped form; re-serializing would produce "café 😡" and another signature.
      const escaped = `{"object":"page","entry":[{"id":"${PAGE}","time":1787213702417,"messaging":[{"sender":{"id":"U1"},"recipient":{"id":"${PAGE}"},"timestamp":1787213702000,"message":{"mid":"m_e","text":"caf\\u00e9 \\ud83d\\ude21"}}]}]}`;
      const reserialized = JSON.stringify(JSON.parse(escaped));
      expect(reserialized).not.toBe(escaped);
      expect(source.verify(request(escaped, signature(escaped)), config)).toEqual({ ok: true });
      expect(source.verify(request(escaped, signature(reserialized)), config).ok).toBe(false);
      expect(items(source.route(JSON.parse(escaped)))).toEqual([expect.objectContaining({ kind: 'message', text: 'café 😡' })]);
    });
  });

  describe('route: fixtures', () => {
    it('turns meta-messenger-text.json into one Messenger message for the page', () => {
      expect(source.route(fixture('meta-messenger-text.json'))).toEqual([
        {
          address: { kind: 'facebook', accountId: PAGE },
          item: {
            kind: 'message',
            externalId: 'm_9Xc1tVwqQbO3kR2m0uY7fLZDamVrALniheU2pT6vKJd8sQzqg4HxN1e5Wb0aYc3Rr7LmPnO2sTu',
            sender: { externalId: '7134589022156473' },
            text: 'Hi, order #48213 arrived with a cracked screen and nobody has answered my emails for 5 days.',
            attachments: [],
            sentAt: new Date(1787213702000),
            meta: { type: 'message' },
          },
        },
      ]);
    });

    it('turns meta-feed-comment.json into one public comment threaded by its post', () => {
      expect(source.route(fixture('meta-feed-comment.json'))).toEqual([
        {
          address: { kind: 'facebook', accountId: PAGE },
          item: {
            kind: 'message',
            externalId: '912233445566778_1187765432109876',
            sender: { externalId: '7134589022156473', name: 'Dana Whitfield' },
            text: 'Third week waiting for my refund. Is anyone actually reading these?',
            attachments: [],
            sentAt: new Date(1787214009 * 1000),
            threadKey: '104857600012345_912233445566778',
            isPublic: true,
            meta: { type: 'comment', commentId: '912233445566778_1187765432109876' },
          },
        },
      ]);
    });

    it('turns instagram-dm.json into one Instagram DM for the IG account', () => {
      expect(source.route(fixture('instagram-dm.json'))).toEqual([
        {
          address: { kind: 'instagram', accountId: IG },
          item: {
            kind: 'message',
            externalId:
              'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDAwNTM4ODY3MTkwOjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1ODU5OTE3NTI2OTQwODg3NjozMjUwMzU3NTI4NDQ2NDA1ODQ5NjkyMTc3NjY5OTczNjA2NAZDZD',
            sender: { externalId: '1129842642640637' },
            text: 'The jacket I ordered is the wrong size and the return link in your email is broken.',
            attachments: [],
            sentAt: new Date(1787214699871),
            meta: { type: 'message' },
          },
        },
      ]);
    });

    it('keeps ids that exceed 2^53 as the exact strings', () => {
      const [routed] = source.route(messaging([event({ message: { mid: 'm1', text: 'x' } }, '9007199254740993123')], 'page', '9007199254740993'));
      expect(routed?.address.accountId).toBe('9007199254740993');
      expect(routed?.item).toMatchObject({ sender: { externalId: '9007199254740993123' } });
    });
  });

  describe('route: batches', () => {
    it('routes every event of every entry to its own page, in order', () => {
      const body = {
        object: 'page',
        entry: [
          {
            id: 'PA',
            time: 1,
            messaging: [
              event({ message: { mid: 'a1', text: 'first' } }, 'U1', 'PA'),
              event({ message: { mid: 'echo', text: 'our reply', is_echo: true, app_id: 123 } }, 'PA', 'U1'),
              event({ delivery: { mids: ['ours1', 'ours2'], watermark: 1787213702000 } }, 'U1', 'PA'),
            ],
          },
          {
            id: 'PB',
            time: 2,
            messaging: [event({ read: { watermark: 1787213702000 } }, 'U2', 'PB'), event({ message: { mid: 'b1', text: 'second' } }, 'U2', 'PB')],
          },
        ],
      };
      expect(source.route(body).map(({ address, item }) => [address.accountId, item.kind, item.kind === 'ignored' || item.kind === 'unreadable' ? item.reason : item.externalId])).toEqual([
        ['PA', 'message', 'a1'],
        ['PA', 'ignored', expect.stringMatching(/echo/)],
        ['PA', 'status', 'ours1'],
        ['PA', 'status', 'ours2'],
        ['PB', 'ignored', expect.stringMatching(/read/)],
        ['PB', 'message', 'b1'],
      ]);
    });

    it('reads messaging and changes of the same entry', () => {
      const body = { object: 'page', entry: [{ id: PAGE, time: 1, messaging: [event({ message: { mid: 'm1', text: 'dm' } })], changes: (feed({}) as { entry: Array<{ changes: unknown[] }> }).entry[0]!.changes }] };
      expect(items(source.route(body)).map((i) => i.kind === 'message' && i.meta?.type)).toEqual(['message', 'comment']);
    });

    it('answers nothing for an empty batch', () => {
      expect(source.route({ object: 'page', entry: [] })).toEqual([]);
    });
  });

  describe('route: messaging events', () => {
    it.each([
      ['a Messenger echo of our own send', 'page', { message: { mid: 'e1', text: 'hello from the page', is_echo: true, app_id: 1517776481860111 } }, /echo/],
      ['an Instagram echo of our own send', 'instagram', { message: { mid: 'e2', text: 'hi', is_echo: true } }, /echo/],
      ['a read watermark', 'page', { read: { watermark: 1787213702000 } }, /read/],
      ['a delivery without mids', 'page', { delivery: { watermark: 1787213702000 } }, /delivery/],
      ['a reaction', 'page', { reaction: { mid: 'm1', action: 'react', reaction: 'love', emoji: '\u2764' } }, /reaction/],
      ['an Instagram message edit', 'instagram', { message_edit: { mid: 'm1', num_edit: 1 } }, /edit/],
      ['a deleted Instagram message', 'instagram', { message: { mid: 'm1', is_deleted: true } }, /deleted/],
      ['a postback', 'page', { postback: { title: 'Get Started', payload: 'START' } }, /postback/],
      ['a handover of the thread', 'page', { pass_thread_control: { new_owner_app_id: '123', metadata: '' } }, /handover/],
      ['a message from the page itself without echo flag', 'page', { message: { mid: 'm9', text: 'hi' }, sender: { id: PAGE } }, /account itself/],
    ] as const)('ignores %s, saying why', (_what, object, fields, reason) => {
      expect(items(source.route(messaging([event(fields)], object, object === 'page' ? PAGE : IG)))).toEqual([{ kind: 'ignored', reason: expect.stringMatching(reason) }]);
    });

    it.each([
      ['an unknown event kind', { brand_new_thing: { x: 1 } }, 'entry[0].messaging[0]: unknown messaging event (brand_new_thing)'],
      ['a message without mid', { message: { text: 'no id' } }, 'entry[0].messaging[0].message.mid: missing'],
      ['a sender id of the wrong type', { message: { mid: 'm1', text: 'hi' }, sender: { id: true } }, 'entry[0].messaging[0].sender.id: expected string, got boolean'],
      ['a sender that is not an object', { message: { mid: 'm1', text: 'hi' }, sender: 'U1' }, 'entry[0].messaging[0].sender: expected object, got string'],
      ['a text that is not a string', { message: { mid: 'm1', text: { body: 'hi' } } }, 'entry[0].messaging[0].message.text: expected string, got object'],
      ['attachments that are not a list', { message: { mid: 'm1', attachments: { type: 'image' } } }, 'entry[0].messaging[0].message.attachments: expected array, got object'],
      ['a message that is not an object', { message: 'hi' }, 'entry[0].messaging[0].message: expected object, got string'],
    ] as const)('keeps %s as unreadable, naming the field', (_what, fields, reason) => {
      expect(items(source.route(messaging([event(fields)])))).toEqual([{ kind: 'unreadable', reason }]);
    });

    it('keeps messaging events that are not objects as unreadable', () => {
      expect(items(source.route(messaging(['nonsense', null])))).toEqual([
        { kind: 'unreadable', reason: 'entry[0].messaging[0]: expected object, got string' },
        { kind: 'unreadable', reason: 'entry[0].messaging[1]: expected object, got null' },
      ]);
    });

    it('reads a sender id sent as a JSON number as a string', () => {
      expect(items(source.route(messaging([event({ message: { mid: 'm1', text: 'hi' } }, 1254459154682919 as unknown as string)])))).toEqual([
        expect.objectContaining({ kind: 'message', externalId: 'm1', sender: { externalId: '1254459154682919' } }),
      ]);
    });

    it('reads the good events of a batch around an unreadable one', () => {
      const body = messaging([event({ message: { mid: 'm1', text: 'first' } }), event({ message: { mid: 'm2' } }, { id: 7 } as unknown as string), event({ message: { mid: 'm3', text: 'third' } })]);
      expect(items(source.route(body)).map((i) => (i.kind === 'message' ? i.externalId : i.kind))).toEqual(['m1', 'unreadable', 'm3']);
    });

    it('turns a delivery of our mids into delivered statuses', () => {
      expect(items(source.route(messaging([event({ delivery: { mids: ['m_ours_1', 'm_ours_2'], watermark: 1 } })])))).toEqual([
        { kind: 'status', externalId: 'm_ours_1', status: 'delivered' },
        { kind: 'status', externalId: 'm_ours_2', status: 'delivered' },
      ]);
    });

    it('turns an Instagram read naming a mid into a read status', () => {
      expect(items(source.route(messaging([event({ read: { mid: 'aWdf_ours' } }, 'U1', IG)], 'instagram', IG)))).toEqual([{ kind: 'status', externalId: 'aWdf_ours', status: 'read' }]);
    });

    it('keeps unicode text exactly', () => {
      const text = 'Ça ne marche pas 😡 — 配達されていません\nשלום';
      expect(items(source.route(messaging([event({ message: { mid: 'u1', text } })])))).toEqual([expect.objectContaining({ text })]);
    });

    it('keeps the text of a quick reply and a reply-to', () => {
      const message = { mid: 'q1', text: 'Track my order', quick_reply: { payload: 'TRACK' }, reply_to: { mid: 'm_earlier' } };
      expect(items(source.route(messaging([event({ message })])))).toEqual([expect.objectContaining({ externalId: 'q1', text: 'Track my order' })]);
    });
  });

  describe('route: attachments', () => {
    it('keeps every attachment of a message that has no text, with text ""', () => {
      const attachments = [
        { type: 'image', payload: { url: 'https://cdn.example/photo.jpg' } },
        { type: 'video', payload: { url: 'https://cdn.example/clip.mp4' } },
        { type: 'audio', payload: { url: 'https://cdn.example/voice.mp4' } },
        { type: 'file', payload: { url: 'https://cdn.example/invoice.pdf' } },
        { type: 'image', payload: { url: 'https://cdn.example/sticker.png', sticker_id: 369239263222822 } },
        { type: 'location', payload: { coordinates: { lat: 52.52, long: 13.405 } } },
        { type: 'fallback', payload: { url: 'https://example.com/article', title: 'An article' } },
        { type: 'ig_reel', payload: { url: 'https://lookaside.example/reel', title: 'Our unboxing', reel_video_id: '1234' } },
        { type: 'share', payload: { url: 'https://lookaside.example/share' } },
        { type: 'story_mention' },
      ];
      const [item] = items(source.route(messaging([event({ message: { mid: 'att', attachments } })])));
      expect(item).toMatchObject({ kind: 'message', externalId: 'att', text: '' });
      expect(item?.kind === 'message' && item.attachments).toEqual([
        { type: 'image', url: 'https://cdn.example/photo.jpg' },
        { type: 'video', url: 'https://cdn.example/clip.mp4' },
        { type: 'audio', url: 'https://cdn.example/voice.mp4' },
        { type: 'file', url: 'https://cdn.example/invoice.pdf' },
        { type: 'sticker', url: 'https://cdn.example/sticker.png' },
        { type: 'location', name: '52.52,13.405' },
        { type: 'other', url: 'https://example.com/article', name: 'An article' },
        { type: 'other', url: 'https://lookaside.example/reel', name: 'Our unboxing' },
        { type: 'other', url: 'https://lookaside.example/share', name: 'share' },
        { type: 'other', name: 'story_mention' },
      ]);
    });

    it('keeps the text beside the attachments', () => {
      const [item] = items(source.route(messaging([event({ message: { mid: 'both', text: 'see photo', attachments: [{ type: 'image', payload: { url: 'https://cdn.example/a.jpg' } }] } })])));
      expect(item).toMatchObject({ text: 'see photo', attachments: [{ type: 'image', url: 'https://cdn.example/a.jpg' }] });
    });
  });

  describe('route: Page feed comments', () => {
    it('keeps a photo comment as a public message with its image', () => {
      expect(items(source.route(feed({ message: undefined, photo: 'https://scontent.example/p.jpg' })))).toEqual([
        expect.objectContaining({ externalId: 'C1', text: '', attachments: [{ type: 'image', url: 'https://scontent.example/p.jpg' }], threadKey: `${PAGE}_P1`, isPublic: true }),
      ]);
    });

    it('threads a reply to a comment by the post, not by the parent comment', () => {
      expect(items(source.route(feed({ comment_id: 'C2', parent_id: 'C1' })))).toEqual([expect.objectContaining({ externalId: 'C2', threadKey: `${PAGE}_P1`, meta: { type: 'comment', commentId: 'C2' } })]);
    });

    it('keeps a comment without "from" (missing permission) with a one-off sender', () => {
      expect(items(source.route(feed({ from: undefined })))).toEqual([expect.objectContaining({ externalId: 'C1', sender: { externalId: 'anonymous-comment:C1', name: 'Facebook user' } })]);
    });

    it.each([
      ["the Page's own comment", { from: { id: PAGE, name: 'Acme' } }, /own comment/],
      ['an edited comment', { verb: 'edited' }, /edited/],
      ['a removed comment', { verb: 'remove' }, /remove/],
      ['a reaction', { item: 'reaction', verb: 'add', reaction_type: 'like' }, /reaction/],
      ['a new post', { item: 'status', verb: 'add' }, /status/],
    ])('ignores %s', (_what, value, reason) => {
      expect(items(source.route(feed(value)))).toEqual([{ kind: 'ignored', reason: expect.stringMatching(reason) }]);
    });

    it.each([
      ['a comment without comment_id', { comment_id: undefined }, 'entry[0].changes[0].value.comment_id: missing'],
      ['a commenter id of the wrong type', { from: { id: ['U7'] } }, 'entry[0].changes[0].value.from.id: expected string, got array'],
      ['a message that is not text', { message: 42 }, 'entry[0].changes[0].value.message: expected string, got number'],
    ])('keeps %s as unreadable', (_what, value, reason) => {
      expect(items(source.route(feed(value)))).toEqual([{ kind: 'unreadable', reason }]);
    });

    it('reads a numeric commenter id as a string', () => {
      expect(items(source.route(feed({ from: { id: 4242, name: 'Ann' } })))).toEqual([expect.objectContaining({ sender: { externalId: '4242', name: 'Ann' } })]);
    });

    it('ignores other page fields, and keeps changes without value or field as unreadable', () => {
      expect(items(source.route(changes([{ field: 'ratings', value: { review_text: 'meh' } }, { field: 'feed' }, { value: {} }])))).toEqual([
        { kind: 'ignored', reason: expect.stringMatching(/ratings/) },
        { kind: 'unreadable', reason: 'entry[0].changes[1].value: missing' },
        { kind: 'unreadable', reason: 'entry[0].changes[2].field: expected a field name' },
      ]);
    });
  });

  describe('route: Instagram comments', () => {
    const comment = (value: Record<string, unknown> = {}): unknown =>
      changes([{ field: 'comments', value: { id: '17865799348089039', text: 'Still no refund??', from: { id: '1129842642640637', username: 'jane.doe' }, media: { id: '18034462612114287', media_product_type: 'FEED' }, ...value } }], 'instagram', IG);

    it('turns a comment into a public message threaded by its media', () => {
      expect(source.route(comment())).toEqual([
        {
          address: { kind: 'instagram', accountId: IG },
          item: {
            kind: 'message',
            externalId: '17865799348089039',
            sender: { externalId: '1129842642640637', handle: 'jane.doe' },
            text: 'Still no refund??',
            attachments: [],
            sentAt: new Date(1787214011 * 1000),
            threadKey: '18034462612114287',
            isPublic: true,
            meta: { type: 'comment', commentId: '17865799348089039' },
          },
        },
      ]);
    });

    it("ignores the account's own comments and other fields; keeps comments without media as unreadable", () => {
      const body = changes(
        [
          { field: 'comments', value: { id: 'c1', text: 'Thanks!', from: { id: IG, username: 'acme' }, media: { id: 'M1' } } },
          { field: 'mentions', value: { media_id: 'M2', comment_id: 'c2' } },
          { field: 'comments', value: { id: 'c3', text: 'x', from: { id: 'U1' } } },
        ],
        'instagram',
        IG,
      );
      expect(items(source.route(body))).toEqual([
        { kind: 'ignored', reason: expect.stringMatching(/own comment/) },
        { kind: 'ignored', reason: expect.stringMatching(/mentions/) },
        { kind: 'unreadable', reason: 'entry[0].changes[2].value.media: missing' },
      ]);
    });

    it('does not take a Page feed change on an Instagram body as a comment', () => {
      expect(items(source.route(changes([{ field: 'feed', value: { item: 'comment' } }], 'instagram', IG)))).toEqual([{ kind: 'ignored', reason: expect.stringMatching(/feed/) }]);
    });
  });

  describe('route: entries without events', () => {
    it('keeps an entry with neither messaging nor changes as unreadable, and ignores standby events', () => {
      const body = { object: 'page', entry: [{ id: 'PA', time: 1 }, { id: 'PB', time: 1, standby: [event({ message: { mid: 'x', text: 'y' } })] }] };
      expect(source.route(body)).toEqual([
        { address: { kind: 'facebook', accountId: 'PA' }, item: { kind: 'unreadable', reason: 'entry[0]: no messaging, changes or standby events' } },
        { address: { kind: 'facebook', accountId: 'PB' }, item: { kind: 'ignored', reason: expect.stringMatching(/standby/) } },
      ]);
    });
  });

  describe('route: unreadable entries', () => {
    it('keeps an entry that is not an object, or has no id, as unreadable and reads the next one', () => {
      const body = { object: 'page', entry: [null, { time: 1, messaging: [] }, { id: 'PC', time: 1, messaging: [event({ message: { mid: 'c1', text: 'ok' } }, 'U3', 'PC')] }] };
      expect(source.route(body)).toEqual([
        { address: { kind: 'facebook', accountId: '' }, item: { kind: 'unreadable', reason: 'entry[0]: expected object, got null' } },
        { address: { kind: 'facebook', accountId: '' }, item: { kind: 'unreadable', reason: 'entry[1].id: missing' } },
        { address: { kind: 'facebook', accountId: 'PC' }, item: expect.objectContaining({ kind: 'message', externalId: 'c1' }) },
      ]);
    });

    it('reads a numeric entry id as a string', () => {
      expect(source.route({ object: 'page', entry: [{ id: 104857600012345, messaging: [event({ message: { mid: 'n1', text: 'ok' } }, 'U1', '104857600012345')] }] })).toEqual([
        { address: { kind: 'facebook', accountId: '104857600012345' }, item: expect.objectContaining({ kind: 'message', externalId: 'n1' }) },
      ]);
    });
  });

  describe('route: malformed bodies', () => {
    it.each([
      ['null', null, /object/],
      ['an array', [], /object/],
      ['a string', 'object=page', /object/],
      ['a number', 42, /object/],
      ['no object', { entry: [] }, /object/],
      ['a numeric object', { object: 1, entry: [] }, /object/],
      ['no entry', { object: 'page' }, /entry/],
      ['an entry object', { object: 'page', entry: {} }, /entry/],
      ['a WhatsApp body', { object: 'whatsapp_business_account', entry: [] }, /whatsapp_business_account/],
      ['an inherited property name as object', { object: 'toString', entry: [] }, /toString/],
    ])('throws MalformedPayloadError for %s', (_what, body, reason) => {
      expect(malformed(body).message).toMatch(reason);
    });
  });
});
