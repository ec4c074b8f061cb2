import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlatformError, type ChannelContext, type OutboundContext } from '../../channel-adapter.js';
import { FacebookAdapter } from './facebook.adapter.js';
import { graphBase } from './graph-api.js';
import { closedPortUrl, FakePlatform } from '../fake-platform.testing.js';
import { fixture, rejectionOf } from './fixtures.testing.js';

const PAGE = '104857600012345';
const PSID = '7134589022156473';
const COMMENT = '912233445566778_1187765432109876';
const POST = '104857600012345_912233445566778';
const TOKEN = 'page-token-EAAG';
const REPLY = "Sorry about the damaged screen, Dana. We've opened case 48213-R and a replacement ships today.";

const adapter = new FacebookAdapter();
const graph = new FakePlatform();

function channel(config: Record<string, unknown> = {}, secrets: Record<string, string> = { pageAccessToken: TOKEN }): ChannelContext {
  return { id: 'ch-fb', kind: 'facebook', key: null, config: { apiBaseUrl: graph.url, pageId: PAGE, ...config }, secrets };
}

function dm(overrides: Partial<OutboundContext> = {}): OutboundContext {
  return {
    channel: channel(),
    messageId: 'msg-1',
    text: REPLY,
    recipient: { externalId: PSID, handle: null },
    conversation: { id: 'conv-1', threadKey: '', isPublic: false },
    replyTo: { externalId: 'm_9Xc1', meta: { type: 'message' } },
    ...overrides,
  };
}

function comment(overrides: Partial<OutboundContext> = {}): OutboundContext {
  return dm({ conversation: { id: 'conv-2', threadKey: POST, isPublic: true }, replyTo: { externalId: COMMENT, meta: { type: 'comment', commentId: COMMENT } }, ...overrides });
}

const body = (): unknown => JSON.parse(graph.last().raw);

beforeAll(() => graph.start());
afterAll(() => graph.stop());

describe('FacebookAdapter', () => {
  it('is the facebook adapter', () => {
    expect(adapter.kind).toBe('facebook');
  });

  describe('send: Messenger DM', () => {
    it('posts the Send API request of the fixture to /v25.0/{page}/messages with the page token', async () => {
      graph.answer({ status: 200, body: fixture('meta-send-api-response.json') });
      const result = await adapter.send(dm());
      const hit = graph.last();
      expect(hit.method).toBe('POST');
      expect(hit.path).toBe(`/v25.0/${PAGE}/messages`);
      expect(hit.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(hit.headers['content-type']).toMatch(/^application\/json/);
      expect(body()).toEqual(fixture('meta-send-api-request.json'));
      expect(result).toEqual({ externalId: 'm_Qm7zW1kLpT3xY9aBcD2eF4gH6iJ8kL0mN1oP3qR5sT7uV9wX1yZ3aB5cD7eF9gH1iJ3kL5mN7' });
    });

    it('sends as "me" (the page of the token) when no pageId is configured, and tolerates a trailing slash', async () => {
      graph.answer({ status: 200, body: { recipient_id: PSID, message_id: 'm_2' } });
      await adapter.send(dm({ channel: channel({ pageId: undefined, apiBaseUrl: `${graph.url}/` }) }));
      expect(graph.last().path).toBe('/v25.0/me/messages');
    });

    it('sends unicode text unchanged', async () => {
      graph.answer({ status: 200, body: { recipient_id: PSID, message_id: 'm_3' } });
      const text = 'Désolé 🙏 — 申し訳ありません';
      await adapter.send(dm({ text }));
      expect(body()).toEqual({ recipient: { id: PSID }, messaging_type: 'RESPONSE', message: { text } });
    });

    it('answers a null id when Meta omits message_id', async () => {
      graph.answer({ status: 200, body: {} });
      await expect(adapter.send(dm())).resolves.toEqual({ externalId: null });
    });
  });

  describe('send: Page comment', () => {
    it('replies under the customer comment with {message}', async () => {
      graph.answer({ status: 200, body: { id: `${COMMENT.split('_')[0]}_2000000000000001` } });
      const result = await adapter.send(comment());
      expect(graph.last().method).toBe('POST');
      expect(graph.last().path).toBe(`/v25.0/${COMMENT}/comments`);
      expect(graph.last().headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(body()).toEqual({ message: REPLY });
      expect(result).toEqual({ externalId: '912233445566778_2000000000000001' });
    });

    it('treats a public conversation as a comment thread even if the stored message has no meta', async () => {
      graph.answer({ status: 200, body: { id: 'c_new' } });
      await adapter.send(comment({ replyTo: { externalId: COMMENT, meta: {} } }));
      expect(graph.last().path).toBe(`/v25.0/${COMMENT}/comments`);
    });

    it('comments on the post when there is no customer comment to answer', async () => {
      graph.answer({ status: 200, body: { id: 'c_top' } });
      await adapter.send(comment({ replyTo: null }));
      expect(graph.last().path).toBe(`/v25.0/${POST}/comments`);
    });

    it('fails for good when a public conversation names neither comment nor post', async () => {
      const before = graph.hits.length;
      const error = await rejectionOf(adapter.send(comment({ replyTo: null, conversation: { id: 'c', threadKey: '', isPublic: true } })));
      expect(error).toBeInstanceOf(PlatformError);
      expect(adapter.classifyError(error).retry).toBe(false);
      expect(graph.hits.length).toBe(before);
    });
  });

  describe('send: failures', () => {
    it.each([
      ['the 24-hour window (code 10/2018278)', 400, fixture('meta-send-api-error-outside-window.json'), false, /24-hour reply window.*\(10\/2018278\)/],
      ['the 613 rate limit', 400, fixture('meta-send-api-error-rate-limit.json'), true, /rate limit.*\(613\)/i],
      ['an expired token (190)', 400, { error: { message: 'Error validating access token', type: 'OAuthException', code: 190, error_subcode: 463 } }, false, /token is invalid or expired/],
      ['a blocked person (551)', 400, { error: { message: "This person isn't available right now.", code: 551, error_subcode: 1545041 } }, false, /not available/],
      ['a 500 without Graph body', 500, 'upstream exploded', true, /500/],
    ])('classifies %s', async (_what, status, answer, retry, reason) => {
      graph.answer({ status, body: answer });
      const error = await rejectionOf(adapter.send(dm()));
      expect(error).toBeInstanceOf(PlatformError);
      expect((error as PlatformError).status).toBe(status);
      expect(adapter.classifyError(error)).toMatchObject({ retry, reason: expect.stringMatching(reason) });
    });

    it('fails for good without a page token, without calling Meta', async () => {
      const before = graph.hits.length;
      const error = await rejectionOf(adapter.send(dm({ channel: channel({}, {}) })));
      expect(graph.hits.length).toBe(before);
      expect(adapter.classifyError(error)).toMatchObject({ retry: false, reason: expect.stringMatching(/credentials/) });
    });

    it('retries when nothing answers', async () => {
      const error = await rejectionOf(adapter.send(dm({ channel: channel({ apiBaseUrl: await closedPortUrl() }) })));
      expect((error as PlatformError).status).toBeNull();
      expect(adapter.classifyError(error).retry).toBe(true);
    });
  });

  it('talks to graph.facebook.com unless the channel says otherwise', () => {
    expect(graphBase({ ...channel(), config: {} }, 'v25.0')).toBe('https://graph.facebook.com/v25.0');
  });
});
