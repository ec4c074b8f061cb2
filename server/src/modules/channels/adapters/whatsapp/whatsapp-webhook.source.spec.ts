import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../../config/env.js';
import { MalformedPayloadError, type InboundItem, type RoutedItem, type WebhookRequest } from '../../channel-adapter.js';
import { hmacSha256Hex } from '../../signature.js';
import { fixture, fixtureBytes } from '../meta/fixtures.testing.js';
import { WhatsappWebhookSource } from './whatsapp-webhook.source.js';

const SECRET = 'test-secret';
const VERIFY_TOKEN = 'wa-verify';
const config = loadConfig({ NODE_ENV: 'test', META_APP_SECRET: SECRET, META_VERIFY_TOKEN: VERIFY_TOKEN });
const source = new WhatsappWebhookSource();

const WABA = '102290129340398';
const PHONE = '106540352242922';
const WA_ID = '447700900123';

function request(rawBody: Buffer | string, headers: Record<string, string> = {}, query: Record<string, unknown> = {}): WebhookRequest {
  return { rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'), headers, query, params: {} };
}

const items = (routed: RoutedItem[]): InboundItem[] => routed.map((r) => r.item);

/** A body with one `messages` change for one business number. */
function body(value: Record<string, unknown>, phoneNumberId = PHONE): unknown {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: WABA, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: phoneNumberId }, ...value } }] }],
  };
}

function incoming(message: Record<string, unknown>, contacts: unknown[] = [{ profile: { name: 'Tom Okafor' }, wa_id: WA_ID }]): unknown {
  return body({ contacts, messages: [{ from: WA_ID, id: 'wamid.IN1', timestamp: '1787214700', ...message }] });
}

function malformed(payload: unknown): MalformedPayloadError {
  try {
    source.route(payload);
  } catch (err) {
    if (err instanceof MalformedPayloadError) return err;
    throw err;
  }
  throw new Error('route accepted a malformed body');
}

describe('WhatsappWebhookSource', () => {
  it('is the "whatsapp" source', () => {
    expect(source.name).toBe('whatsapp');
  });

  describe('handshake', () => {
    it('echoes the challenge for the right token', () => {
      const query = { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': VERIFY_TOKEN };
      expect(source.handshake(request('', {}, query), config)).toEqual({ status: 200, contentType: 'text/plain', body: '1158201444' });
    });

    it.each([
      ['a wrong token', { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'nope' }],
      ['a wrong mode', { 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': VERIFY_TOKEN }],
    ])('refuses %s with 403', (_what, query) => {
      expect(source.handshake(request('', {}, query), config).status).toBe(403);
    });
  });

  describe('verify', () => {
    it.each([
      ['whatsapp-text.json', 1048, 'bdde1bf060f0f370711574104e7b7372427c7b3d17fc8146a9d7956d7cdde8b3', 'sha256=cf73af8d330a8ce24fda040a7a2adbbc1c79005faca303fd950e406c7d31a2e7'],
      ['whatsapp-status.json', 1114, 'b065b310bb30f02ca22f65c29f76b190c0f2df0b64cf87e8abea1f5463e38d62', 'sha256=128c6606df49413c96844c20ec13242f0d90e2b15c5185e083f81aa1afbe14f7'],
    ])('accepts the README vector for %s', (file, length, sha256, header) => {
      const bytes = fixtureBytes(file);
      expect(bytes.length).toBe(length);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      expect(source.verify(request(bytes, { 'x-hub-signature-256': header }), config)).toEqual({ ok: true });
    });

    it('accepts the minimal README vector', () => {
      const header = 'sha256=cc96f69f5295238707076d443c89d5808d96b634779c922fab0ba9ca5354554e';
      expect(source.verify(request('{"object":"whatsapp_business_account","entry":[]}', { 'x-hub-signature-256': header }), config)).toEqual({ ok: true });
    });

    it.each([
      ['a forged signature', { 'x-hub-signature-256': `sha256=${hmacSha256Hex('forger', fixtureBytes('whatsapp-text.json'))}` }, /does not match/],
      ['the signature of another fixture', { 'x-hub-signature-256': 'sha256=128c6606df49413c96844c20ec13242f0d90e2b15c5185e083f81aa1afbe14f7' }, /does not match/],
      ['no signature', {}, /X-Hub-Signature-256/],
    ])('refuses %s', (_what, headers, reason) => {
      expect(source.verify(request(fixtureBytes('whatsapp-text.json'), headers), config)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
    });

    it('verifies an escaped non-ASCII body over its raw bytes', () => {
      const raw = `{"object":"whatsapp_business_account","entry":[{"id":"${WABA}","changes":[{"field":"messages","value":{"metadata":{"phone_number_id":"${PHONE}"},"contacts":[{"profile":{"name":"Jos\\u00e9"},"wa_id":"${WA_ID}"}],"messages":[{"from":"${WA_ID}","id":"wamid.U","timestamp":"1787214700","type":"text","text":{"body":"\\u00bfD\\u00f3nde est\\u00e1 mi pedido? \\ud83d\\udce6"}}]}}]}]}`;
      expect(source.verify(request(raw, { 'x-hub-signature-256': `sha256=${hmacSha256Hex(SECRET, raw)}` }), config)).toEqual({ ok: true });
      expect(source.verify(request(raw, { 'x-hub-signature-256': `sha256=${hmacSha256Hex(SECRET, JSON.stringify(JSON.parse(raw)))}` }), config).ok).toBe(false);
      expect(items(source.route(JSON.parse(raw)))).toEqual([expect.objectContaining({ text: '¿Dónde está mi pedido? 📦', sender: { externalId: WA_ID, name: 'José' } })]);
    });
  });

  describe('route: fixtures', () => {
    it('turns whatsapp-text.json into one message for the business number', () => {
      expect(source.route(fixture('whatsapp-text.json'))).toEqual([
        {
          address: { kind: 'whatsapp', accountId: PHONE },
          item: {
            kind: 'message',
            externalId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhggQTFCMkMzRDRFNUY2QTdCOEM5RDBFMUYyQTNCNEM1RDYA',
            sender: { externalId: WA_ID, name: 'Tom Okafor' },
            text: 'I was charged twice for my subscription this month. Please refund one of them.',
            attachments: [],
            sentAt: new Date(1787214700 * 1000),
          },
        },
      ]);
    });

    it('turns whatsapp-status.json into a delivered status of our message', () => {
      expect(source.route(fixture('whatsapp-status.json'))).toEqual([
        { address: { kind: 'whatsapp', accountId: PHONE }, item: { kind: 'status', externalId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSQjdDOEQ5RTBGMUEyQjNDNEQ1AA==', status: 'delivered' } },
      ]);
    });
  });

  describe('route: statuses', () => {
    it.each(['sent', 'delivered', 'read'] as const)('reports %s', (status) => {
      expect(items(source.route(body({ statuses: [{ id: 'wamid.OUT', status, timestamp: '1787214762', recipient_id: WA_ID }] })))).toEqual([{ kind: 'status', externalId: 'wamid.OUT', status }]);
    });

    it('reports a failure with the error title, message and details', () => {
      const errors = [{ code: 131047, title: 'Re-engagement message', message: 'Re-engagement message', error_data: { details: 'More than 24 hours have passed since the customer last replied.' } }];
      expect(items(source.route(body({ statuses: [{ id: 'wamid.OUT', status: 'failed', timestamp: '1787214762', recipient_id: WA_ID, errors }] })))).toEqual([
        { kind: 'status', externalId: 'wamid.OUT', status: 'failed', error: 'Re-engagement message: More than 24 hours have passed since the customer last replied. (131047)' },
      ]);
    });

    it('ignores an untracked status', () => {
      expect(items(source.route(body({ statuses: [{ id: 'wamid.OUT', status: 'deleted' }] })))).toEqual([{ kind: 'ignored', reason: expect.stringMatching(/deleted/) }]);
    });

    it.each([
      ['a status without id', { status: 'read' }, 'entry[0].changes[0].value.statuses[0].id: missing'],
      ['a status that is not an object', 'read', 'entry[0].changes[0].value.statuses[0]: expected object, got string'],
    ])('keeps %s as unreadable', (_what, status, reason) => {
      expect(items(source.route(body({ statuses: [status] })))).toEqual([{ kind: 'unreadable', reason }]);
    });
  });

  describe('route: message types', () => {
    it.each([
      ['an image with caption', { type: 'image', image: { caption: 'broken seal', mime_type: 'image/jpeg', sha256: 'abc', id: '1479537139650973' } }, 'broken seal', [{ type: 'image', name: '1479537139650973', mimeType: 'image/jpeg' }]],
      ['an image with a url', { type: 'image', image: { mime_type: 'image/png', id: 'M2', url: 'https://lookaside.example/m2' } }, '', [{ type: 'image', name: 'M2', url: 'https://lookaside.example/m2', mimeType: 'image/png' }]],
      ['a document', { type: 'document', document: { filename: 'invoice-48213.pdf', mime_type: 'application/pdf', id: 'M3', caption: 'see invoice' } }, 'see invoice', [{ type: 'file', name: 'invoice-48213.pdf', mimeType: 'application/pdf' }]],
      ['a voice note', { type: 'audio', audio: { mime_type: 'audio/ogg; codecs=opus', id: 'M4', voice: true } }, '', [{ type: 'audio', name: 'M4', mimeType: 'audio/ogg; codecs=opus' }]],
      ['a video', { type: 'video', video: { mime_type: 'video/mp4', id: 'M5' } }, '', [{ type: 'video', name: 'M5', mimeType: 'video/mp4' }]],
      ['a sticker', { type: 'sticker', sticker: { mime_type: 'image/webp', id: 'M6', animated: false } }, '', [{ type: 'sticker', name: 'M6', mimeType: 'image/webp' }]],
      [
        'a location',
        { type: 'location', location: { latitude: 51.5074, longitude: -0.1278, name: 'Acme Store', address: '1 High St, London' } },
        '',
        [{ type: 'location', name: 'Acme Store, 1 High St, London', url: 'https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278' }],
      ],
      ['a bare location', { type: 'location', location: { latitude: 1.5, longitude: 2.5 } }, '', [{ type: 'location', name: '1.5,2.5', url: 'https://www.openstreetmap.org/?mlat=1.5&mlon=2.5' }]],
      ['a contact card', { type: 'contacts', contacts: [{ name: { formatted_name: 'Sam Lee', first_name: 'Sam' }, phones: [{ phone: '+44 7700 900456', type: 'CELL' }] }] }, '', [{ type: 'other', name: 'Sam Lee (+44 7700 900456)' }]],
      ['a button reply', { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes, refund me' } } }, 'Yes, refund me', []],
      ['a list reply', { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'r2', title: 'Track order', description: 'Where is it?' } } }, 'Track order', []],
      ['a template quick-reply button', { type: 'button', button: { payload: 'STOP', text: 'Stop promotions' } }, 'Stop promotions', []],
      ['a reply quoting our message', { type: 'text', text: { body: 'Still broken' }, context: { from: '15550783881', id: 'wamid.OUT' } }, 'Still broken', []],
    ])('keeps %s', (_what, message, text, attachments) => {
      expect(items(source.route(incoming(message)))).toEqual([{ kind: 'message', externalId: 'wamid.IN1', sender: { externalId: WA_ID, name: 'Tom Okafor' }, text, attachments, sentAt: new Date(1787214700 * 1000) }]);
    });

    it.each([
      ['a reaction', { type: 'reaction', reaction: { message_id: 'wamid.OUT', emoji: '👍' } }, /reaction/],
      ['an unsupported message', { type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] }, /unsupported.*Message type unknown \(131051\)/],
    ])('ignores %s, saying why', (_what, message, reason) => {
      expect(items(source.route(incoming(message)))).toEqual([{ kind: 'ignored', reason: expect.stringMatching(reason) }]);
    });

    it.each([
      ['an unknown type', { type: 'order', order: { catalog_id: 'c' } }, 'entry[0].changes[0].value.messages[0].type: message type "order" is not handled'],
      ['a message without from', { from: undefined, type: 'text', text: { body: 'x' } }, 'entry[0].changes[0].value.messages[0].from: missing'],
      ['a text body that is not text', { type: 'text', text: { body: ['x'] } }, 'entry[0].changes[0].value.messages[0].text.body: expected string, got array'],
      ['an image without its part', { type: 'image' }, 'entry[0].changes[0].value.messages[0].image: missing'],
    ])('keeps %s as unreadable, naming the field', (_what, message, reason) => {
      expect(items(source.route(incoming(message)))).toEqual([{ kind: 'unreadable', reason }]);
    });

    it('reads a sender number sent as a JSON number as a string, named from its contact', () => {
      const value = { contacts: [{ profile: { name: 'Ana' }, wa_id: 34600000001 }], messages: [{ from: 34600000001, id: 'wamid.N', timestamp: '1787214701', type: 'text', text: { body: 'hola' } }] };
      expect(items(source.route(body(value)))).toEqual([expect.objectContaining({ kind: 'message', externalId: 'wamid.N', sender: { externalId: '34600000001', name: 'Ana' } })]);
    });

    it('reads the good messages of a batch around an unreadable one', () => {
      const value = {
        messages: [
          { from: WA_ID, id: 'wamid.G1', timestamp: '1', type: 'text', text: { body: 'one' } },
          { from: true, id: 'wamid.B', timestamp: '1', type: 'text', text: { body: 'bad' } },
          { from: WA_ID, id: 'wamid.G2', timestamp: '2', type: 'text', text: { body: 'two' } },
        ],
      };
      expect(items(source.route(body(value))).map((i) => (i.kind === 'message' ? i.externalId : i.kind))).toEqual(['wamid.G1', 'unreadable', 'wamid.G2']);
    });

    it('names each sender from the contact with the same wa_id, and none without one', () => {
      const value = {
        contacts: [
          { profile: { name: 'Ana' }, wa_id: '34600000001' },
          { profile: { name: 'Ben' }, wa_id: '34600000002' },
        ],
        messages: [
          { from: '34600000002', id: 'wamid.B', timestamp: '1787214701', type: 'text', text: { body: 'b' } },
          { from: '34600000001', id: 'wamid.A', timestamp: '1787214702', type: 'text', text: { body: 'a' } },
          { from: '34600000003', id: 'wamid.C', timestamp: '1787214703', type: 'text', text: { body: 'c' } },
        ],
      };
      expect(items(source.route(body(value))).map((item) => item.kind === 'message' && item.sender)).toEqual([
        { externalId: '34600000002', name: 'Ben' },
        { externalId: '34600000001', name: 'Ana' },
        { externalId: '34600000003' },
      ]);
    });
  });

  describe('route: batches and other changes', () => {
    it('routes every change of every entry by its phone_number_id', () => {
      const payload = {
        object: 'whatsapp_business_account',
        entry: [
          {
            id: WABA,
            changes: [
              { field: 'messages', value: { metadata: { phone_number_id: 'P1' }, messages: [{ from: WA_ID, id: 'wamid.1', timestamp: '1', type: 'text', text: { body: 'one' } }], statuses: [{ id: 'wamid.o1', status: 'read' }] } },
              { field: 'messages', value: { metadata: { phone_number_id: 'P2' }, statuses: [{ id: 'wamid.o2', status: 'sent' }, { id: 'wamid.o3', status: 'delivered' }] } },
            ],
          },
          { id: 'WABA2', changes: [{ field: 'messages', value: { metadata: { phone_number_id: 'P3' }, messages: [{ from: WA_ID, id: 'wamid.2', timestamp: '2', type: 'text', text: { body: 'two' } }] } }] },
        ],
      };
      expect(source.route(payload).map(({ address, item }) => [address.accountId, item.kind, item.kind === 'ignored' || item.kind === 'unreadable' ? '' : item.externalId])).toEqual([
        ['P1', 'message', 'wamid.1'],
        ['P1', 'status', 'wamid.o1'],
        ['P2', 'status', 'wamid.o2'],
        ['P2', 'status', 'wamid.o3'],
        ['P3', 'message', 'wamid.2'],
      ]);
    });

    it('ignores account-level changes and keeps empty entries as unreadable, addressed to the business account', () => {
      const payload = {
        object: 'whatsapp_business_account',
        entry: [
          { id: WABA, changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED', message_template_id: 1 } }] },
          { id: 'WABA2', changes: [] },
        ],
      };
      expect(source.route(payload)).toEqual([
        { address: { kind: 'whatsapp', accountId: WABA }, item: { kind: 'ignored', reason: expect.stringMatching(/message_template_status_update/) } },
        { address: { kind: 'whatsapp', accountId: 'WABA2' }, item: { kind: 'unreadable', reason: 'entry[1].changes: no changes' } },
      ]);
    });

    it('keeps a messages change with neither messages nor statuses as unreadable, and reports webhook errors', () => {
      expect(items(source.route(body({})))).toEqual([{ kind: 'unreadable', reason: 'entry[0].changes[0].value: no messages, statuses or errors' }]);
      expect(items(source.route(body({ errors: [{ code: 131000, title: 'Something went wrong' }] })))).toEqual([{ kind: 'ignored', reason: expect.stringMatching(/Something went wrong/) }]);
    });

    it('answers nothing for an empty batch', () => {
      expect(source.route({ object: 'whatsapp_business_account', entry: [] })).toEqual([]);
    });
  });

  describe('route: malformed bodies', () => {
    it.each([
      ['null', null, /object/],
      ['a string', 'hello', /object/],
      ['no entry', { object: 'whatsapp_business_account' }, /entry/],
      ['a Messenger body', { object: 'page', entry: [] }, /"page"/],
    ])('throws MalformedPayloadError for %s', (_what, payload, reason) => {
      expect(malformed(payload).message).toMatch(reason);
    });

    it.each([
      ['an entry without id', { object: 'whatsapp_business_account', entry: [{ changes: [] }] }, '', 'entry[0].id: missing'],
      ['a messages change without metadata', { object: 'whatsapp_business_account', entry: [{ id: WABA, changes: [{ field: 'messages', value: { messages: [] } }] }] }, WABA, 'entry[0].changes[0].value.metadata: missing'],
      [
        'a phone_number_id of the wrong type',
        { object: 'whatsapp_business_account', entry: [{ id: WABA, changes: [{ field: 'messages', value: { metadata: { phone_number_id: {} }, messages: [] } }] }] },
        WABA,
        'entry[0].changes[0].value.metadata.phone_number_id: expected string, got object',
      ],
    ])('keeps %s as unreadable, addressed as far as it says', (_what, payload, accountId, reason) => {
      expect(source.route(payload)).toEqual([{ address: { kind: 'whatsapp', accountId }, item: { kind: 'unreadable', reason } }]);
    });

    it('reads a numeric phone_number_id and entry id as strings', () => {
      const payload = { object: 'whatsapp_business_account', entry: [{ id: 102290129340398, changes: [{ field: 'messages', value: { metadata: { phone_number_id: 106540352242922 }, statuses: [{ id: 'wamid.S', status: 'sent' }] } }] }] };
      expect(source.route(payload)).toEqual([{ address: { kind: 'whatsapp', accountId: '106540352242922' }, item: { kind: 'status', externalId: 'wamid.S', status: 'sent' } }]);
    });
  });
});
