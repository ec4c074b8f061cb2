import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PlatformError, type ChannelContext, type OutboundContext } from '../../channel-adapter.js';
import { InstagramAdapter } from './instagram.adapter.js';
import { FakePlatform } from '../fake-platform.testing.js';
import { fixture, rejectionOf } from './fixtures.testing.js';

const IGSID = '1129842642640637';
const COMMENT = '17865799348089039';
const MEDIA = '18034462612114287';
const TOKEN = 'page-token-IG';

const adapter = new InstagramAdapter();
const graph = new FakePlatform();

function channel(config: Record<string, unknown> = {}): ChannelContext {
  return { id: 'ch-ig', kind: 'instagram', key: null, config: { apiBaseUrl: graph.url, accountId: '17841400538867190', ...config }, secrets: { pageAccessToken: TOKEN } };
}

function dm(overrides: Partial<OutboundContext> = {}): OutboundContext {
  return {
    channel: channel(),
    messageId: 'msg-1',
    text: 'We have sent you a new return link.',
    recipient: { externalId: IGSID, handle: 'jane.doe' },
    conversation: { id: 'conv-1', threadKey: '', isPublic: false },
    replyTo: { externalId: 'aWdfZAG1faXRlbTox', meta: { type: 'message' } },
    ...overrides,
  };
}

const publicThread = { id: 'conv-2', threadKey: MEDIA, isPublic: true };

beforeAll(() => graph.start());
afterAll(() => graph.stop());

describe('InstagramAdapter', () => {
  it('is the instagram adapter', () => {
    expect(adapter.kind).toBe('instagram');
  });

  it('answers a DM through the Send API with the IGSID, as the page of the token', async () => {
    graph.answer({ status: 200, body: fixture('meta-send-api-response.json') });
    const result = await adapter.send(dm());
    expect(graph.last()).toMatchObject({ method: 'POST', path: '/v25.0/me/messages', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(JSON.parse(graph.last().raw)).toEqual({ recipient: { id: IGSID }, messaging_type: 'RESPONSE', message: { text: 'We have sent you a new return link.' } });
    expect(result.externalId).toMatch(/^m_Qm7z/);
  });

  it('uses the configured pageId for DMs', async () => {
    graph.answer({ status: 200, body: { recipient_id: IGSID, message_id: 'aWdf_out' } });
    await expect(adapter.send(dm({ channel: channel({ pageId: '104857600012345' }) }))).resolves.toEqual({ externalId: 'aWdf_out' });
    expect(graph.last().path).toBe('/v25.0/104857600012345/messages');
  });

  it('answers a comment with POST /{comment}/replies {message}', async () => {
    graph.answer({ status: 200, body: { id: '17900000000000001' } });
    const result = await adapter.send(dm({ conversation: publicThread, replyTo: { externalId: COMMENT, meta: { type: 'comment', commentId: COMMENT } }, text: 'Sorry! Check your DMs 🙏' }));
    expect(graph.last()).toMatchObject({ method: 'POST', path: `/v25.0/${COMMENT}/replies`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(JSON.parse(graph.last().raw)).toEqual({ message: 'Sorry! Check your DMs 🙏' });
    expect(result).toEqual({ externalId: '17900000000000001' });
  });

  it('comments on the media when there is no comment to answer', async () => {
    graph.answer({ status: 200, body: { id: '17900000000000002' } });
    await adapter.send(dm({ conversation: publicThread, replyTo: null }));
    expect(graph.last().path).toBe(`/v25.0/${MEDIA}/comments`);
  });

  it.each([
    ['the 24-hour window', fixture('meta-send-api-error-outside-window.json'), false],
    ['the rate limit', fixture('meta-send-api-error-rate-limit.json'), true],
  ])('classifies %s like Messenger', async (_what, answer, retry) => {
    graph.answer({ status: 400, body: answer });
    const error = await rejectionOf(adapter.send(dm()));
    expect(error).toBeInstanceOf(PlatformError);
    expect(adapter.classifyError(error).retry).toBe(retry);
  });
});
