import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PlatformError, type ChannelContext, type OutboundContext } from '../../channel-adapter.js';
import { closedPortUrl, FakePlatform } from '../fake-platform.testing.js';
import { fixture, rejectionOf } from '../meta/fixtures.testing.js';
import { TelegramAdapter } from './telegram.adapter.js';

const TOKEN = '7001234567:AAH-test-token';
const adapter = new TelegramAdapter();
const telegram = new FakePlatform();

beforeAll(() => telegram.start());
afterAll(() => telegram.stop());
beforeEach(() => telegram.reset());

function channel(config: Record<string, unknown> = {}, secrets: Record<string, string> = { botToken: TOKEN }): ChannelContext {
  return { id: '00000000-0000-4000-8000-0000000000a1', kind: 'telegram', key: null, config: { apiBaseUrl: telegram.url, ...config }, secrets };
}

const json = (raw: string): Record<string, unknown> => JSON.parse(raw) as Record<string, unknown>;

describe('TelegramAdapter.poll', () => {
  it('short-polls getUpdates under /bot<token> for messages only', async () => {
    telegram.answer({ status: 200, body: { ok: true, result: [] } });
    await adapter.poll(channel(), null);
    const hit = telegram.last();
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe(`/bot${TOKEN}/getUpdates`);
    expect(hit.headers['content-type']).toMatch(/^application\/json/);
    expect(json(hit.raw)).toEqual({ limit: 100, timeout: 0, allowed_updates: ['message'] });
  });

  it('maps the fixture updates and moves the cursor past the last update_id', async () => {
    telegram.answer({ status: 200, body: fixture('telegram-getupdates.json') });
    const result = await adapter.poll(channel(), '702114562');
    expect(json(telegram.last().raw)).toMatchObject({ offset: 702114562 });
    expect(result.cursor).toBe('702114564');
    expect(result.retryAfterMs).toBeUndefined();
    expect(result.items).toEqual([
      expect.objectContaining({ kind: 'message', externalId: '5120334477:1841', isPublic: false, threadKey: '' }),
      expect.objectContaining({ kind: 'message', externalId: '-1001987654321:99214', isPublic: true, threadKey: 'chat:-1001987654321' }),
    ]);
  });

  it('knows its own bot from the token: a mention of another bot in a group is chatter', async () => {
    const group = (fixture('telegram-getupdates.json') as { result: Array<Record<string, unknown>> }).result[1]!;
    telegram.answer({ status: 200, body: { ok: true, result: [group] } });
    const result = await adapter.poll(channel({ botUsername: 'OtherBot' }), null);
    expect(result.items).toEqual([{ kind: 'ignored', reason: 'telegram: group message not addressed to the bot' }]);
  });

  it('keeps the cursor when there are no updates', async () => {
    telegram.answer({ status: 200, body: { ok: true, result: [] } });
    await expect(adapter.poll(channel(), '702114564')).resolves.toEqual({ items: [], cursor: '702114564' });
  });

  it('moves past ignored and malformed updates too (they are confirmed, never re-read): a malformed one is kept with its page', async () => {
    telegram.answer({ status: 200, body: { ok: true, result: [{ update_id: 10, edited_message: {} }, { update_id: 11, message: { message_id: 'x' } }] } });
    const result = await adapter.poll(channel(), '10');
    expect(result.items).toEqual([
      { kind: 'ignored', reason: 'telegram: edited_message' },
      { kind: 'unreadable', reason: expect.stringMatching(/^result\[1\]\.message: .*message_id/), raw: JSON.stringify({ ok: true, result: [{ update_id: 11, message: { message_id: 'x' } }] }) },
    ]);
    expect(result.cursor).toBe('12');
  });

  it('reads a kept page again as the poller reads pages', () => {
    const page = { ok: true, result: [{ update_id: 12, message: { message_id: 5, date: 1787214000, chat: { id: 42, type: 'private' }, from: { id: 42, first_name: 'Ann' }, text: 'hi' } }] };
    expect(adapter.readPage(channel(), page)).toEqual([expect.objectContaining({ kind: 'message', externalId: '42:5', text: 'hi' })]);
    expect(() => adapter.readPage(channel(), { ok: false })).toThrow(/getUpdates answer/);
  });

  it('pauses for retry_after on flood control (429), keeping the cursor', async () => {
    telegram.answer({ status: 429, body: fixture('telegram-error-429.json') });
    await expect(adapter.poll(channel(), '702114564')).resolves.toEqual({ items: [], cursor: '702114564', retryAfterMs: 7000 });
  });

  it('throws on 409 saying another poller or a webhook holds the bot', async () => {
    telegram.answer({ status: 409, body: fixture('telegram-error-409.json') });
    const error = await rejectionOf(adapter.poll(channel(), null));
    expect(error).toBeInstanceOf(PlatformError);
    expect((error as PlatformError).status).toBe(409);
    expect((error as Error).message).toMatch(/another consumer.*webhook/);
    expect(adapter.classifyError(error)).toEqual({ retry: false, reason: expect.stringMatching(/another consumer.*webhook/) });
  });

  it('throws other errors for classifyError', async () => {
    telegram.answer({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    const error = await rejectionOf(adapter.poll(channel(), null));
    expect(adapter.classifyError(error)).toMatchObject({ retry: false, reason: expect.stringMatching(/token/) });
  });

  it('throws on an answer that is not an update list, classified as worth retrying', async () => {
    telegram.answer({ status: 200, body: { ok: true, result: 'nope' } });
    const error = await rejectionOf(adapter.poll(channel(), '5'));
    expect(adapter.classifyError(error)).toEqual({ retry: true, reason: expect.stringContaining('getUpdates answer: result') });
  });

  it('needs a bot token', async () => {
    await expect(adapter.poll(channel({}, {}), null)).rejects.toThrow(/botToken/);
    expect(telegram.hits).toHaveLength(0);
  });
});

describe('TelegramAdapter.send', () => {
  const text = "Hi Lena, we've opened a trace on parcel 00340434161094042557 and will update you within 24 hours.";
  const context = (overrides: Partial<OutboundContext> = {}): OutboundContext => ({
    channel: channel(),
    messageId: 'msg-1',
    text,
    recipient: { externalId: '5120334477', handle: 'lena_hoff' },
    conversation: { id: 'conv-1', threadKey: '', isPublic: false },
    replyTo: { externalId: '5120334477:1841', meta: { chatId: '5120334477', messageId: '1841' } },
    ...overrides,
  });

  it('replies with sendMessage as in the fixture and returns chat:message id', async () => {
    telegram.answer({ status: 200, body: fixture('telegram-sendmessage-response.json') });
    await expect(adapter.send(context())).resolves.toEqual({ externalId: '5120334477:1842' });
    const hit = telegram.last();
    expect(hit.method).toBe('POST');
    expect(hit.path).toBe(`/bot${TOKEN}/sendMessage`);
    // The fixture request, plus delivery even if the customer deleted the message replied to.
    const expected = fixture('telegram-sendmessage-request.json') as Record<string, unknown>;
    expect(json(hit.raw)).toEqual({ ...expected, reply_parameters: { message_id: 1841, allow_sending_without_reply: true } });
  });

  it('answers in the group and topic the customer wrote in', async () => {
    telegram.answer({ status: 200, body: { ok: true, result: { message_id: 99300, chat: { id: -1001987654321, type: 'supergroup' } } } });
    const result = await adapter.send(
      context({
        recipient: { externalId: '6033118822', handle: 'jonas_k' },
        conversation: { id: 'conv-2', threadKey: 'chat:-1001987654321', isPublic: true },
        replyTo: { externalId: '-1001987654321:99214', meta: { chatId: '-1001987654321', messageId: '99214', messageThreadId: '12' } },
      }),
    );
    expect(result).toEqual({ externalId: '-1001987654321:99300' });
    expect(json(telegram.last().raw)).toMatchObject({ chat_id: -1001987654321, message_thread_id: 12, reply_parameters: { message_id: 99214 } });
  });

  it('writes to the customer\'s chat without reply_parameters when there is nothing to reply to', async () => {
    telegram.answer({ status: 200, body: fixture('telegram-sendmessage-response.json') });
    await adapter.send(context({ replyTo: null }));
    expect(json(telegram.last().raw)).toEqual({ chat_id: 5120334477, text });
  });

  it('keeps unicode text exactly', async () => {
    telegram.answer({ status: 200, body: fixture('telegram-sendmessage-response.json') });
    await adapter.send(context({ text: 'Entschuldigung 🙏 — 抱歉' }));
    expect(json(telegram.last().raw).text).toBe('Entschuldigung 🙏 — 抱歉');
  });

  it('succeeds without id when the answer has none', async () => {
    telegram.answer({ status: 200, body: { ok: true, result: true } });
    await expect(adapter.send(context())).resolves.toEqual({ externalId: null });
  });

  it.each([
    [403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }, false, /blocked the bot/],
    [400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }, false, /cannot find this chat/],
    [429, fixture('telegram-error-429.json'), true, /flood/],
    [502, { ok: false, error_code: 502, description: 'Bad Gateway' }, true, /502/],
  ])('throws a PlatformError for a %i and classifies it', async (status, body, retry, reason) => {
    telegram.answer({ status, body });
    const error = await rejectionOf(adapter.send(context()));
    expect(error).toBeInstanceOf(PlatformError);
    expect(adapter.classifyError(error)).toMatchObject({ retry, reason: expect.stringMatching(reason) });
  });

  it('throws a PlatformError without status when Telegram cannot be reached, and the token is not in it', async () => {
    const error = await rejectionOf(adapter.send(context({ channel: channel({ apiBaseUrl: await closedPortUrl() }) })));
    expect((error as PlatformError).status).toBeNull();
    expect((error as Error).message).not.toContain(TOKEN);
    expect(adapter.classifyError(error).retry).toBe(true);
  });
});

describe('TelegramAdapter.classifyError', () => {
  it.each([
    ['flood control with retry_after', new PlatformError('Too Many Requests', 429, fixture('telegram-error-429.json')), { retry: true, retryAfterMs: 7000 }],
    ['a 429 without parameters', new PlatformError('Too Many Requests', 429, { ok: false, error_code: 429, description: 'Too Many Requests' }), { retry: true }],
    ['chat not found', new PlatformError('Bad Request', 400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' }), { retry: false }],
    ['blocked by the user', new PlatformError('Forbidden', 403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' }), { retry: false }],
    ['kicked from the group', new PlatformError('Forbidden', 403, { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' }), { retry: false, reason: expect.stringContaining('kicked') }],
    ['a text that is too long', new PlatformError('Bad Request', 400, { ok: false, error_code: 400, description: 'Bad Request: message is too long' }), { retry: false, reason: expect.stringContaining('message is too long') }],
    ['an invalid token', new PlatformError('Unauthorized', 401, { ok: false, error_code: 401, description: 'Unauthorized' }), { retry: false, reason: expect.stringContaining('bot token') }],
    ['a 500', new PlatformError('Internal Server Error', 500), { retry: true }],
    ['a network error', new PlatformError('ECONNREFUSED', null), { retry: true, reason: expect.stringContaining('Network error') }],
    ['a non-platform error', new Error('boom'), { retry: true }],
  ])('%s', (_what, error, verdict) => {
    expect(adapter.classifyError(error)).toMatchObject(verdict);
  });

  it('has no retryAfterMs unless Telegram gives one', () => {
    expect(adapter.classifyError(new PlatformError('Too Many Requests', 429)).retryAfterMs).toBeUndefined();
  });
});
