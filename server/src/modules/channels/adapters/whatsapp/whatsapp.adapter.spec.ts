import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlatformError, type ChannelContext, type OutboundContext } from '../../channel-adapter.js';
import { FakePlatform } from '../fake-platform.testing.js';
import { fixture, rejectionOf } from '../meta/fixtures.testing.js';
import { WhatsappAdapter } from './whatsapp.adapter.js';

const PHONE = '106540352242922';
const WA_ID = '447700900123';
const TOKEN = 'wa-system-user-token';
const INBOUND = 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAEhggQTFCMkMzRDRFNUY2QTdCOEM5RDBFMUYyQTNCNEM1RDYA';
const REPLY = 'Hi Tom, we can see the duplicate charge and have refunded it. It will show in 3-5 working days.';

const adapter = new WhatsappAdapter();
const graph = new FakePlatform();

function channel(config: Record<string, unknown> = {}, secrets: Record<string, string> = { accessToken: TOKEN }): ChannelContext {
  return { id: 'ch-wa', kind: 'whatsapp', key: null, config: { apiBaseUrl: graph.url, phoneNumberId: PHONE, ...config }, secrets };
}

function reply(overrides: Partial<OutboundContext> = {}): OutboundContext {
  return {
    channel: channel(),
    messageId: 'msg-1',
    text: REPLY,
    recipient: { externalId: WA_ID, handle: null },
    conversation: { id: 'conv-1', threadKey: '', isPublic: false },
    replyTo: { externalId: INBOUND, meta: {} },
    ...overrides,
  };
}

beforeAll(() => graph.start());
afterAll(() => graph.stop());

describe('WhatsappAdapter', () => {
  it('is the whatsapp adapter', () => {
    expect(adapter.kind).toBe('whatsapp');
  });

  describe('send', () => {
    it('posts the fixture request to /v26.0/{phoneNumberId}/messages and returns the wamid', async () => {
      graph.answer({ status: 200, body: fixture('whatsapp-send-text-response.json') });
      const result = await adapter.send(reply());
      const hit = graph.last();
      expect(hit.method).toBe('POST');
      expect(hit.path).toBe(`/v26.0/${PHONE}/messages`);
      expect(hit.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(hit.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(hit.raw)).toEqual(fixture('whatsapp-send-text-request.json'));
      expect(result).toEqual({ externalId: 'wamid.HBgMNDQ3NzAwOTAwMTIzFQIAERgSQjdDOEQ5RTBGMUEyQjNDNEQ1AA==' });
    });

    it('sends without context when there is nothing to quote, unicode intact', async () => {
      graph.answer({ status: 200, body: fixture('whatsapp-send-text-response.json') });
      await adapter.send(reply({ replyTo: null, text: 'Olá! 😊 Já reembolsámos.' }));
      expect(JSON.parse(graph.last().raw)).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: WA_ID, type: 'text', text: { preview_url: false, body: 'Olá! 😊 Já reembolsámos.' } });
    });

    it('answers a null id when the response lists no message', async () => {
      graph.answer({ status: 200, body: { messaging_product: 'whatsapp', contacts: [], messages: [] } });
      await expect(adapter.send(reply())).resolves.toEqual({ externalId: null });
    });

    it('accepts 4096 characters, counting an emoji as one', async () => {
      graph.answer({ status: 200, body: fixture('whatsapp-send-text-response.json') });
      const text = `${'a'.repeat(4095)}😊`;
      await adapter.send(reply({ text }));
      expect((JSON.parse(graph.last().raw) as { text: { body: string } }).text.body).toBe(text);
    });

    it('fails for good, without calling WhatsApp, on a reply longer than 4096 characters', async () => {
      const before = graph.hits.length;
      const error = await rejectionOf(adapter.send(reply({ text: 'a'.repeat(4097) })));
      expect(graph.hits.length).toBe(before);
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).status).toBe(400);
      expect(adapter.classifyError(error)).toEqual({ retry: false, reason: expect.stringMatching(/4097 characters.*4096/) });
    });

    it.each([
      ['no phoneNumberId', channel({ phoneNumberId: undefined }), /phoneNumberId/],
      ['no access token', channel({}, {}), /credentials/],
    ])('fails for good with %s', async (_what, ch, reason) => {
      const before = graph.hits.length;
      const error = await rejectionOf(adapter.send(reply({ channel: ch })));
      expect(graph.hits.length).toBe(before);
      expect(adapter.classifyError(error)).toEqual({ retry: false, reason: expect.stringMatching(reason) });
    });
  });

  describe('send: failures', () => {
    it.each([
      ['outside the service window (131047)', 400, fixture('whatsapp-send-error-outside-window.json'), {}, { retry: false, reason: "Outside WhatsApp's 24-hour customer service window: send an approved template (131047)" }],
      ['undeliverable (131026)', 400, { error: { message: 'Message Undeliverable.', code: 131026 } }, {}, { retry: false, reason: 'Message undeliverable (131026)' }],
      ['throughput reached (130429)', 429, { error: { message: 'Rate limit hit', code: 130429 } }, { 'retry-after': '3' }, { retry: true, reason: expect.stringMatching(/130429/), retryAfterMs: 3000 }],
      ['pair rate limit (131056)', 400, { error: { message: 'Pair rate limit hit', code: 131056 } }, {}, { retry: true, reason: expect.stringMatching(/131056/) }],
      ['an invalid token (190)', 401, { error: { message: 'Invalid OAuth access token', code: 190 } }, {}, { retry: false, reason: expect.stringMatching(/token is invalid/) }],
      ['a server error', 500, 'Internal Server Error', {}, { retry: true, reason: expect.stringMatching(/500/) }],
    ])('classifies %s', async (_what, status, answer, headers, verdict) => {
      graph.answer({ status, body: answer, headers });
      const error = await rejectionOf(adapter.send(reply()));
      expect(error).toBeInstanceOf(PlatformError);
      expect(adapter.classifyError(error)).toEqual(verdict);
    });
  });
});
